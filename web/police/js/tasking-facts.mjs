/* How a tasking reads in the console, in the list and on its own page: status, dates and the flags
 * that need a person (not acknowledged within 72 hours, past its review date). */

import { h } from '../../js/dom.mjs';

/** A calendar day ("2027-03-01") or a moment, as a date without the time. */
export function dayOf(i18n, value) {
  return /^\d{4}-\d{2}-\d{2}$/.test(value || '') ? i18n.date(`${value}T12:00:00Z`, false) : i18n.date(value, false);
}

export function flagTags(i18n, tasking) {
  const flags = tasking.flags || {};
  return [
    flags.notAcknowledgedIn72h ? h('span', { class: 'tag tag-alert' }, i18n.t('police.flag.notAcknowledged')) : '',
    flags.pastReview ? h('span', { class: 'tag tag-alert' }, i18n.t('police.flag.pastReview')) : '',
  ];
}

export function taskingFacts(i18n, tasking) {
  const t = (k, v) => i18n.t(k, v);
  const rows = [
    ['police.tasking.area', i18n.loc(tasking.areaName) || tasking.area],
    ['police.tasking.status', t(`police.taskingStatus.${tasking.status}`) || tasking.status],
    ['police.tasking.issued', i18n.date(tasking.issuedAt)],
    ['police.tasking.acknowledged', tasking.acknowledgedAt ? i18n.date(tasking.acknowledgedAt) : t('police.tasking.notYet')],
    ['police.tasking.reviewBy', dayOf(i18n, tasking.reviewBy)],
    ['police.tasking.reference', tasking.reference],
  ];
  return h('dl', { class: 'facts' }, ...rows.flatMap(([key, value]) => [h('dt', null, t(key)), h('dd', null, value || '')]));
}
