/* The API client: JSON in and out, and every failure as an ApiError with the API's code and message. */

export class ApiError extends Error {
  /** code: the API's error code, or 'network' / 'server' / 'generic' when there was none. */
  constructor(code, status, message) {
    super(message || code);
    this.code = code;
    this.status = status;
  }
}

const enc = encodeURIComponent;

export class Api {
  /** base: where the API lives; lang(): the language its own messages should come in. */
  constructor(base, lang) {
    this.base = base;
    this.lang = lang;
    this.areasPromise = null;
  }

  async request(path, options = {}) {
    const headers = { Accept: 'application/json', 'Accept-Language': this.lang(), ...options.headers };
    let res;
    try {
      res = await fetch(this.base + path, { ...options, headers, cache: 'no-store' });
    } catch (e) {
      throw new ApiError('network', 0, String(e));
    }
    let body = null;
    try { body = await res.json(); } catch { body = null; }
    const fallback = res.status >= 500 ? 'server' : 'generic';
    if (!res.ok) {
      const err = body?.error;
      throw new ApiError(typeof err?.code === 'string' ? err.code : fallback, res.status, err?.message);
    }
    if (body === null && res.status !== 204) throw new ApiError(fallback, res.status); // 204: nothing to say
    return { status: res.status, body };
  }

  async get(path) {
    return (await this.request(path)).body;
  }

  /** Every area with its district; asked once per visit (again only after a failure). */
  areas() {
    if (!this.areasPromise) {
      this.areasPromise = this.get('/areas').then((body) => body.areas || []);
      this.areasPromise.catch(() => { this.areasPromise = null; });
    }
    return this.areasPromise;
  }

  /** One area (null if there is none): from the list when it is in, else on its own, far smaller. */
  async area(id) {
    if (this.areasPromise) return (await this.areas()).find((a) => a.id === id) || null;
    try {
      return (await this.get(`/areas/${enc(id)}`)).area;
    } catch (error) {
      if (error.code === 'area_not_found') return null;
      throw error;
    }
  }

  postcode(compact) { return this.get(`/postcodes/${enc(compact)}`); }

  ballot(areaId) { return this.get(`/areas/${enc(areaId)}/ballot`); }

  castBallot(areaId, body) {
    return this.request(`/areas/${enc(areaId)}/ballots`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
  }

  /** Texts a code to a UK mobile ({phone, areaId, language, device}): {challenge}, the same for any number. */
  sendCode(body) {
    return this.request('/verifications', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
  }

  /** The code typed for a challenge: {pass, area, round} - the pass goes with each ballot of that round. */
  confirmCode(challenge, code) {
    return this.request(`/verifications/${enc(challenge)}/confirmation`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }),
    });
  }

  /** An area's results: the current round's, or the round named. */
  areaResults(areaId, round) {
    return this.get(`/areas/${enc(areaId)}/results${round ? `?round=${enc(round)}` : ''}`);
  }

  districtResults(districtId) { return this.get(`/districts/${enc(districtId)}/results`); }

  /** The area's rounds, newest first, each with its ballots, quorum and the tasking it made. */
  rounds(areaId) { return this.get(`/areas/${enc(areaId)}/rounds`); }

  /** The area's taskings, newest first, a page at a time ({taskings, next}). */
  taskings(areaId, cursor) {
    return this.get(`/taskings?area=${enc(areaId)}${cursor ? `&cursor=${enc(cursor)}` : ''}`);
  }

  /** What a receipt code stands for: its area and round, counted or replaced, in the results or not. */
  receipt(code) { return this.get(`/receipts/${enc(code)}`); }

  /** Sends a resident's suggestion ({voter, language, title, description}); answers {proposal} with its reference. */
  propose(areaId, body) {
    return this.request(`/areas/${enc(areaId)}/proposals`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
  }

  /** The area's suggestions approved and waiting for its next round ({proposals}). */
  waitingProposals(areaId) { return this.get(`/areas/${enc(areaId)}/proposals`); }

  /** What became of a suggestion, by the reference its author was given. */
  proposal(reference) { return this.get(`/proposals/${enc(reference)}`); }

  /** A resident's verdict on a completed tasking, once per ballot: {verdicts}. */
  verdict(reference, receipt, madeADifference) {
    return this.request(`/taskings/${enc(reference)}/verdicts`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ receipt, madeADifference }),
    });
  }

  /** Where the open data is: the taskings' Atom feed and CSV, a round's results as CSV. */
  feedHref(areaId) { return `${this.base}/taskings.atom?area=${enc(areaId)}`; }

  taskingsCsvHref(areaId) { return `${this.base}/taskings.csv?area=${enc(areaId)}`; }
}
