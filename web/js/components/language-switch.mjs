/* The Cymraeg / English button: switches every word on the page and remembers the choice. */

import { Component } from '../component.mjs';
import { otherLang } from '../i18n.mjs';
import { store } from '../store.mjs';

export class LanguageSwitch extends Component {
  static moduleName = 'language-switch';

  constructor(root, app) {
    super(root, app);
    root.addEventListener('click', () => this.switch());
  }

  async switch() {
    const lang = otherLang(this.i18n.lang);
    try {
      await this.i18n.use(lang);
    } catch {
      return; // keep the language we have; the button can be pressed again
    }
    store.set('lang', lang);
  }
}
