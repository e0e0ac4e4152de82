/**
 * The portal's API shapes, taken from the server's own route schemas (type
 * imports only: nothing of the server is bundled), so the client and the
 * API cannot drift apart.
 */
export type { PatientListQuery, PatientListResponse, PatientListRow } from '../../../http/routes/portal';
