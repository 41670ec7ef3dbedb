/* The ballot's optional age band: "Prefer not to say" unless the resident chooses one of Census
 * 2021's bands. The choice is remembered on this device for the next ballot; `ageBandOfBallot()`
 * is what the ballot sends ({ageBand} or nothing). */

import { Component } from '../component.mjs';
import { h, setText } from '../dom.mjs';
import { store } from '../store.mjs';

export const AGE_BANDS = ['16-24', '25-34', '35-49', '50-64', '65+'];
const KEY = 'ageBand';

/** The band to send with a ballot: {ageBand} when one was chosen, else nothing (prefer not to say). */
export function ageBandOfBallot() {
  const band = store.get(KEY);
  return AGE_BANDS.includes(band) ? { ageBand: band } : {};
}

export class AgeBand extends Component {
  static moduleName = 'age-band';

  constructor(root, app) {
    super(root, app);
    this.select = h('select', { id: 'age-band', 'aria-describedby': 'age-band-hint' });
    this.label = h('label', { for: 'age-band' });
    this.hint = h('p', { id: 'age-band-hint', class: 'hint' });
    root.replaceChildren(this.label, this.hint, this.select);
    this.select.addEventListener('change', () => {
      if (AGE_BANDS.includes(this.select.value)) store.set(KEY, this.select.value);
      else store.remove(KEY);
    });
    this.listen(this.i18n, 'change', this.render);
    this.render();
  }

  render() {
    setText(this.label, this.t('ageBand.label'));
    setText(this.hint, this.t('ageBand.hint'));
    const chosen = ageBandOfBallot().ageBand || '';
    this.select.replaceChildren(
      h('option', { value: '' }, this.t('ageBand.none')),
      ...AGE_BANDS.map((band) => h('option', { value: band }, this.t(`ageBand.${band}`))),
    );
    this.select.value = chosen;
  }
}
