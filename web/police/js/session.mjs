/* The signed-in officer: Cognito's ID token, kept in sessionStorage (gone when the tab closes), what it
 * says about its holder (groups, district) and which console views those groups may use. Sign-in is
 * Cognito's own InitiateAuth (USER_PASSWORD_AUTH) at the endpoint config.json names. */

const KEY = 'bobbies.police.idToken';

/** The groups each view is for; admin may use every view. */
const VIEW_GROUPS = {
  home: ['moderator', 'officer', 'admin'],
  proposals: ['moderator', 'admin'],
  taskings: ['officer', 'admin'],
  tasking: ['officer', 'admin'],
  currency: ['officer', 'admin'],
  ballots: ['officer', 'admin'],
  areas: ['admin'],
  area: ['admin'],
  subscriptions: ['admin'],
};

export const NAV_VIEWS = ['home', 'proposals', 'taskings', 'currency', 'ballots', 'areas', 'subscriptions'];

/** Why sign-in failed, as the catalogue words it (police.signIn.error.<code>). */
export class SignInError extends Error {
  constructor(code) {
    super(code);
    this.code = code;
  }
}

const COGNITO_ERRORS = {
  NotAuthorizedException: 'wrongPassword',
  UserNotFoundException: 'wrongPassword', // the same words: never tell which of the two was wrong
  PasswordResetRequiredException: 'resetNeeded',
  UserNotConfirmedException: 'notConfirmed',
  TooManyRequestsException: 'tooMany',
  LimitExceededException: 'tooMany',
};

function claimsOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part.padEnd(Math.ceil(part.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

function groupsOf(claims) {
  const g = claims?.['cognito:groups'];
  if (Array.isArray(g)) return g;
  return typeof g === 'string' ? g.split(/[\s,]+/).filter(Boolean) : [];
}

export class Session extends EventTarget {
  constructor() {
    super();
    this.memory = null; // when sessionStorage is refused (private modes), for this page's life only
    this.ended = null; // why the last session ended ('signedOut' | 'expired'), for the sign-in view to say
  }

  read() {
    try { return sessionStorage.getItem(KEY); } catch { return this.memory; }
  }

  write(token) {
    this.memory = token;
    try {
      if (token) sessionStorage.setItem(KEY, token);
      else sessionStorage.removeItem(KEY);
    } catch { /* memory only */ }
  }

  /** The ID token while it is still good (a minute's grace for clocks), else null. */
  get token() {
    const token = this.read();
    const claims = token && claimsOf(token);
    if (!claims) return null;
    if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now() + 60_000) return null;
    return token;
  }

  get claims() {
    const token = this.token;
    return token ? claimsOf(token) : null;
  }

  get groups() {
    return groupsOf(this.claims);
  }

  /** Whether a signed-in officer's groups may use the view. */
  may(view) {
    const groups = this.groups;
    const allowed = VIEW_GROUPS[view];
    return !allowed || groups.includes('admin') || allowed.some((g) => groups.includes(g));
  }

  async signIn(username, password) {
    const config = await fetch('config.json', { cache: 'no-store' }).then((r) => (r.ok ? r.json() : null), () => null);
    if (!config?.cognitoEndpoint || !config?.clientId) throw new SignInError('unavailable');
    let res;
    try {
      res = await fetch(config.cognitoEndpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
        },
        body: JSON.stringify({
          AuthFlow: 'USER_PASSWORD_AUTH', ClientId: config.clientId,
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      });
    } catch {
      throw new SignInError('network');
    }
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const type = String(body.__type || '').split('#').pop();
      throw new SignInError(COGNITO_ERRORS[type] || 'unavailable');
    }
    if (body.ChallengeName) throw new SignInError('newPassword'); // set by an administrator first
    const token = body.AuthenticationResult?.IdToken;
    if (!token || !claimsOf(token)) throw new SignInError('unavailable');
    this.write(token);
    this.ended = null;
    this.dispatchEvent(new CustomEvent('change', { detail: { reason: 'signedIn' } }));
  }

  /** A token kept from before that is no longer good (its hour is up) is forgotten, and said to have expired. */
  forgetStale() {
    if (this.read() && !this.token) {
      this.ended = 'expired';
      this.write(null);
    }
  }

  /** Forgets the token; reason: 'signedOut' (asked for) or 'expired' (the API refused it). */
  end(reason) {
    if (!this.read()) return; // already ended (several calls can fail at once)
    this.ended = reason;
    this.write(null);
    this.dispatchEvent(new CustomEvent('change', { detail: { reason } }));
  }
}
