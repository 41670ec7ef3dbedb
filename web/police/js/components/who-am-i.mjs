/* The console's home: who the API says is signed in (GET /api/admin/me) - name, groups, district - and
 * the views those groups may use. */

import { h } from '../../../js/dom.mjs';
import { routeHref } from '../../../js/router.mjs';
import { NAV_VIEWS } from '../session.mjs';
import { AnswerView } from '../view.mjs';

/** A district's name from the catalogue (police.district.<id>), or its id when the catalogue has none. */
export function districtName(i18n, id) {
  return (id && i18n.t(`police.district.${id}`)) || id || '';
}

export class WhoAmI extends AnswerView {
  constructor(root, app) {
    super(root, app, 'home');
    root.append(
      h('h1', { id: 'home-title', tabindex: '-1', 'data-i18n': 'police.home.title' }),
      h('section', { class: 'card', 'aria-labelledby': 'me-title' },
        h('h2', { id: 'me-title', 'data-i18n': 'police.home.meHeading' }),
        h('div', { id: 'me', 'aria-live': 'polite' })),
      h('section', { class: 'card', 'aria-labelledby': 'jobs-title' },
        h('h2', { id: 'jobs-title', 'data-i18n': 'police.home.jobsHeading' }),
        h('ul', { id: 'jobs', class: 'jobs' })));
    this.words();
  }

  fetch() {
    return this.api.me();
  }

  box() {
    return this.$('me');
  }

  draw(box, me) {
    const groups = (me.groups || []).map((g) => this.t(`police.group.${g}`) || g).join(', ');
    box.replaceChildren(h('dl', { class: 'facts' },
      h('dt', null, this.t('police.home.username')), h('dd', { id: 'me-username' }, me.username || ''),
      h('dt', null, this.t('police.home.groups')), h('dd', { id: 'me-groups' }, groups),
      h('dt', null, this.t('police.home.district')),
      h('dd', { id: 'me-district' }, me.district ? districtName(this.i18n, me.district) : this.t('police.home.allDistricts'))));
  }

  render() {
    super.render();
    const { session } = this.app;
    this.$('jobs').replaceChildren(...NAV_VIEWS.filter((v) => v !== 'home' && session.may(v)).map((v) => h('li', null,
      h('a', { href: routeHref(`#/${v}`) }, this.t(`police.nav.${v}`)), ' ', h('span', { class: 'hint' }, this.t(`police.home.job.${v}`)))));
  }
}
