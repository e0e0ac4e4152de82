export * from './signs';
export { allowsPlan, triage } from './triage';
export type { TriageInput, TriageReason, TriageResult } from './triage';
