/* The bar under the masthead while signed in: who is signed in, the views their groups may use (the one
 * on show marked as current) and the sign-out button. */

import { Component } from '../../../js/component.mjs';
import { h, setText } from '../../../js/dom.mjs';
import { routeHref } from '../../../js/router.mjs';
import { NAV_VIEWS } from '../session.mjs';

const HREF = { home: '#/' };
const CURRENT = { tasking: 'taskings', area: 'areas' };

export class StaffBar extends Component {
  constructor(root, app) {
    super(root, app);
    this.view = null;
    this.$('sign-out').addEventListener('click', () => {
      app.session.end('signedOut');
      app.router.go('#/');
    });
    this.listen(app.router, 'route', ({ view }) => {
      this.view = view;
      this.render();
    });
    this.listen(this.i18n, 'change', this.render);
  }

  render() {
    const { session } = this.app;
    const claims = session.claims;
    this.root.hidden = !claims;
    if (!claims) return;
    const name = claims['cognito:username'] || claims.email || '';
    setText(this.$('signed-in-as'), this.t('police.signedInAs', { name }));
    const current = CURRENT[this.view] || this.view;
    this.$('console-nav').replaceChildren(...NAV_VIEWS.filter((v) => session.may(v)).map((v) => h('li', null,
      h('a', { href: routeHref(HREF[v] || `#/${v}`), 'aria-current': v === current ? 'page' : null },
        this.t(`police.nav.${v}`)))));
  }
}
