/* Hash routes:
 *   #/                          find your area (postcode or list)
 *   #/area/<id>                 share out the bobbies (the link people share)
 *   #/area/<id>/results[/<r>]   confirmation, results (of round r, or the current one), share
 *   #/area/<id>/suggest         suggest a priority for the area (and see those approved for its next round)
 *   #/receipt[/<code>]          check a receipt (the code, when given, is checked at once)
 *   #/suggestion[/<reference>]  check a suggestion (the reference, when given, is checked at once)
 * Each change is a "route" event with {view, areaId, round, focus}. */

export const areaPath = (id, view = '') => `#/area/${encodeURIComponent(id)}${view ? `/${view}` : ''}`;

/** A link's href for a route: this very document with the route after it, so it reads as the page
 * it opens, not as a jump to an anchor here (a bare "#/..." is one to checkers and some readers). */
export const routeHref = (hash) => `${location.pathname}${location.search}${hash}`;

export function parseHash(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map((p) => {
    try { return decodeURIComponent(p); } catch { return p; }
  });
  if (parts[0] === 'area' && parts[1]) {
    if (parts[2] === 'suggest') return { view: 'suggest', areaId: parts[1], round: null };
    const results = parts[2] === 'results';
    return { view: results ? 'results' : 'ballot', areaId: parts[1], round: (results && parts[3]) || null };
  }
  if (parts[0] === 'receipt') return { view: 'receipt', areaId: null, round: null, code: parts[1] || '' };
  if (parts[0] === 'suggestion') return { view: 'suggestion', areaId: null, round: null, code: parts[1] || '' };
  return { view: 'home', areaId: null, round: null };
}

export class Router extends EventTarget {
  /** prepare(route): awaited before a route is announced (the init module starts the view's components);
   * parse(hash): the route a hash names (the police console has routes of its own). */
  constructor(prepare = async () => {}, parse = parseHash) {
    super();
    this.prepare = prepare;
    this.parse = parse;
    this.count = 0;
    window.addEventListener('hashchange', () => {
      if (location.hash && !location.hash.startsWith('#/')) return; // an in-page link, not a route
      this.emit(true);
    });
  }

  /** Announces the route in the address bar; focus moves to the new view unless told not to. */
  async emit(focus) {
    const mine = ++this.count;
    const route = { ...this.parse(location.hash), focus };
    await this.prepare(route);
    if (mine === this.count) this.dispatchEvent(new CustomEvent('route', { detail: route }));
  }

  go(hash) {
    location.hash = hash;
  }
}
