/* The console's API client: the residents' page's client, with the ID token as the raw Authorization
 * header on every call. A call the API refuses as signed out (401) ends the session, so the console
 * asks to sign in again and says why. */

import { Api, ApiError } from '../../js/api.mjs';

const enc = encodeURIComponent;
const json = (method, body) => ({
  method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}),
});
const query = (params) => {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== ''));
  return q.toString() ? `?${q}` : '';
};

export class PoliceApi extends Api {
  constructor(base, lang, session) {
    super(base, lang);
    this.session = session;
  }

  async request(path, options = {}) {
    const token = this.session.token;
    if (!token) {
      this.session.end('expired');
      throw new ApiError('sign_in_needed', 401);
    }
    try {
      return await super.request(path, { ...options, headers: { ...options.headers, Authorization: token } });
    } catch (error) {
      if (error.status === 401) this.session.end('expired');
      throw error;
    }
  }

  me() { return this.get('/admin/me'); }

  proposals({ status, area, cursor } = {}) { return this.get(`/admin/proposals${query({ status, area, cursor })}`); }

  decide(reference, decision) { return this.request(`/admin/proposals/${enc(reference)}/decision`, json('POST', decision)); }

  /** The priorities on an area's open ballot (a proposal may be merged into one of them). */
  ballotPriorities(areaId) { return this.get(`/areas/${enc(areaId)}/ballot`).then((b) => b.priorities || []); }

  adminTaskings({ status, cursor } = {}) { return this.get(`/admin/taskings${query({ status, cursor })}`); }

  tasking(reference) { return this.get(`/admin/taskings/${enc(reference)}`); }

  acknowledge(reference) { return this.request(`/admin/taskings/${enc(reference)}/acknowledgement`, json('POST', {})); }

  progress(reference, note) { return this.request(`/admin/taskings/${enc(reference)}/progress`, json('POST', { note })); }

  outcome(reference, outcome) { return this.request(`/admin/taskings/${enc(reference)}/outcome`, json('POST', { outcome })); }

  /** A resident's ballot an officer takes ({postcode, phone | paperReference, allocations, ageBand?}): the receipt. */
  takeBallot(areaId, ballot) { return this.request(`/admin/areas/${enc(areaId)}/ballots`, json('POST', ballot)); }

  currency() { return this.get('/admin/currency'); }

  adminAreas() { return this.get('/admin/areas'); }

  saveArea(areaId, changes) { return this.request(`/admin/areas/${enc(areaId)}`, json('PUT', changes)); }

  subscriptions(area) { return this.get(`/admin/subscriptions${query({ area })}`); }

  subscribe(subscription) { return this.request('/admin/subscriptions', json('POST', subscription)); }

  unsubscribe(id) { return this.request(`/admin/subscriptions/${enc(id)}`, { method: 'DELETE' }); }
}
