/* What the page remembers on this device: language, last area, drafts, ballots cast, the voter token.
 * localStorage may be missing or full (private browsing): then memory serves for this visit. */

const PREFIX = 'bobbies.';
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
const memory = new Map();

export const store = {
  get(key) {
    try {
      const raw = localStorage.getItem(PREFIX + key);
      if (raw !== null) return JSON.parse(raw);
    } catch { /* fall back to memory */ }
    return memory.has(key) ? memory.get(key) : null;
  },
  set(key, value) {
    memory.set(key, value);
    try { localStorage.setItem(PREFIX + key, JSON.stringify(value)); } catch { /* memory only */ }
  },
  remove(key) {
    memory.delete(key);
    try { localStorage.removeItem(PREFIX + key); } catch { /* ignore */ }
  },
};

function newToken() {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let s = '';
  for (const b of crypto.getRandomValues(new Uint8Array(32))) s += abc[b & 63];
  return s;
}

/** The anonymous token that makes a second ballot in a round replace the first. */
export function voterToken() {
  const v = store.get('voter');
  if (typeof v === 'string' && TOKEN.test(v)) return v;
  return renewVoterToken();
}

export function renewVoterToken() {
  const fresh = newToken();
  store.set('voter', fresh);
  return fresh;
}

/** The ballot cast from this device in a round ("<area>.<round>"), as the receipt shows it. */
export function savedBallot(key) {
  const s = key ? store.get(`ballot.${key}`) : null;
  return s && typeof s === 'object' && s.allocations ? s : null;
}
