/* The console's home: who the API says is signed in (GET /api/admin/me) - name, groups, district - and
 * the views those groups may use. */

import { h } from '../../../js/dom.mjs';
import { routeHref } from '../../../js/router.mjs';
import { NAV_VIEWS } from '../session.mjs';
import { ConsoleView } from '../view.mjs';

/** A district's name from the catalogue (police.district.<id>), or its id when the catalogue has none. */
export function districtName(i18n, id) {
  return (id && i18n.t(`police.district.${id}`)) || id || '';
}

export class WhoAmI extends ConsoleView {
  constructor(root, app) {
    super(root, app, 'home');
    this.me = null; // the answer, or {error}
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

  async enter(route, current) {
    this.render();
    try {
      this.me = await this.api.me();
    } catch (error) {
      this.me = { error };
    }
    if (current()) this.render();
  }

  render() {
    const box = this.$('me');
    const { me, i18n } = this;
    if (!me) box.replaceChildren(h('p', { class: 'hint' }, this.t('loading')));
    else if (me.error) this.failed(box, me.error, () => this.enter(this.route || {}, this.latest.next()));
    else {
      const groups = (me.groups || []).map((g) => this.t(`police.group.${g}`) || g).join(', ');
      box.replaceChildren(h('dl', { class: 'facts' },
        h('dt', null, this.t('police.home.username')), h('dd', { id: 'me-username' }, me.username || ''),
        h('dt', null, this.t('police.home.groups')), h('dd', { id: 'me-groups' }, groups),
        h('dt', null, this.t('police.home.district')),
        h('dd', { id: 'me-district' }, me.district ? districtName(i18n, me.district) : this.t('police.home.allDistricts'))));
    }
    const { session } = this.app;
    this.$('jobs').replaceChildren(...NAV_VIEWS.filter((v) => v !== 'home' && session.may(v)).map((v) => h('li', null,
      h('a', { href: routeHref(`#/${v}`) }, this.t(`police.nav.${v}`)), ' ', h('span', { class: 'hint' }, this.t(`police.home.job.${v}`)))));
  }
}
