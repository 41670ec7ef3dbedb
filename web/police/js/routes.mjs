/* The console's hash routes:
 *   #/                       who you are, and what you can do here
 *   #/sign-in                sign in (any route asked for while signed out comes back after it)
 *   #/proposals              the moderation queue
 *   #/taskings[/<reference>] your district's taskings, or one of them (the link the email gives)
 *   #/currency               how old each area's current tasking is
 *   #/ballots                take a resident's ballot (an officer at a street stall, a meeting, on the phone)
 *   #/areas[/<id>]           the areas, or one to edit
 *   #/subscriptions          who hears of an area's taskings */

const VIEWS = new Set(['proposals', 'taskings', 'currency', 'ballots', 'areas', 'subscriptions', 'sign-in']);

export function parseConsoleHash(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map((p) => {
    try { return decodeURIComponent(p); } catch { return p; }
  });
  if (!parts.length) return { view: 'home' };
  if (parts[0] === 'taskings' && parts[1]) return { view: 'tasking', reference: parts[1] };
  if (parts[0] === 'areas' && parts[1]) return { view: 'area', areaId: parts[1] };
  if (parts.length === 1 && VIEWS.has(parts[0])) return { view: parts[0] };
  return { view: 'missing' };
}

export const taskingPath = (reference) => `#/taskings/${encodeURIComponent(reference)}`;
export const areaEditPath = (id) => `#/areas/${encodeURIComponent(id)}`;
