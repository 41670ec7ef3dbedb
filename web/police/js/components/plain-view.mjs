/* A view written whole into index.html ("not found", "not for your groups"): it only shows itself. */

import { ConsoleView } from '../view.mjs';

export class PlainView extends ConsoleView {
  constructor(root, app) {
    super(root, app, root.id.replace(/^view-/, ''));
  }
}
