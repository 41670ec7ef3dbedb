/* Sharing the area's ballot: the link to copy, and the device's own share sheet where there is one. */

import { Component } from '../component.mjs';
import { setText } from '../dom.mjs';
import { areaPath } from '../router.mjs';

export class Share extends Component {
  static moduleName = 'share';

  constructor(root, app) {
    super(root, app);
    this.area = null;
    this.input = this.$('share-url');
    this.status = this.$('share-status');
    this.$('copy-link').addEventListener('click', () => this.copy());
    this.$('native-share').addEventListener('click', () => this.share());
    this.input.addEventListener('focus', () => this.input.select());
    this.listen(app.events, 'results:area', ({ area }) => { this.area = area; this.render(); });
    this.listen(this.i18n, 'change', () => { if (this.area) this.render(); });
  }

  render() {
    const name = this.i18n.place(this.area);
    setText(this.$('share-body'), this.t('share.body', { area: name }));
    setText(this.$('share-label'), this.t('share.label', { area: name }));
    this.input.value = this.area ? `${location.origin}${location.pathname}${areaPath(this.area.id)}` : '';
    this.$('native-share').hidden = typeof navigator.share !== 'function';
    setText(this.status, '');
  }

  async copy() {
    try {
      await navigator.clipboard.writeText(this.input.value);
      setText(this.status, this.t('share.copied'));
    } catch {
      this.input.focus();
      this.input.select();
      setText(this.status, this.t('share.copyFailed'));
    }
  }

  async share() {
    if (!this.area) return;
    const text = this.t('share.text', { area: this.i18n.place(this.area) });
    try {
      await navigator.share({ title: this.t('appName'), text, url: this.input.value });
    } catch { /* cancelled */ }
  }
}
