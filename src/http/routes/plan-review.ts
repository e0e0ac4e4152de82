import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BOUNDS } from '../../core/progression';
import type { AppDeps } from '../app';
import { errorResponses } from '../schemas';

const note = z.string().trim().max(2000, { error: 'Notes can be at most 2,000 characters.' });
const patientParams = z.strictObject({ id: z.string().max(64) });
const suggestionParams = z.strictObject({ id: z.string().max(64), suggestionId: z.string().max(64) });

const thresholdSchema = z.object({
  key: z.string(),
  label: z.string(),
  explain: z.string(),
  unit: z.string(),
  group: z.string(),
  source: z.string(),
  designProposal: z.boolean(),
  default: z.number(),
  min: z.number(),
  max: z.number(),
  wholeNumber: z.boolean(),
  value: z.number(),
  changed: z.boolean(),
});
const thresholdsOut = z
  .object({
    canEdit: z.boolean(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    thresholds: z.array(thresholdSchema),
  })
  .meta({ id: 'ProgressionThresholds' });

/** Every tunable key, each an optional number; the service checks the bounds (422 with the range). */
const thresholdValues = z.strictObject(
  Object.fromEntries(
    Object.keys(BOUNDS).map((k) => [k, z.number({ error: `${k} must be a number.` }).optional()]),
  ),
);

const changeSchema = z.object({
  itemId: z.string(),
  kind: z.string(),
  reason: z.string(),
  ruleId: z.string(),
  source: z.string(),
  from: z.string(),
  to: z.string(),
  automatic: z.boolean(),
  status: z.enum(['pending', 'approved', 'undone']).nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  canUndo: z.boolean(),
});
const reviewOut = z
  .object({
    versions: z.array(
      z.object({
        version: z.number(),
        source: z.string(),
        reason: z.string(),
        createdAt: z.string(),
        createdBy: z.string().nullable(),
        changes: z.array(changeSchema),
      }),
    ),
    suggestions: z.array(
      z.object({
        id: z.string(),
        itemId: z.string(),
        kind: z.string(),
        reason: z.string(),
        from: z.string(),
        to: z.string(),
        createdAt: z.string(),
        updatedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'PlanReview' });

const changeRef = {
  version: z.number().int().min(1),
  itemId: z.string().min(1).max(120),
};

export const planReviewRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { planReview } = deps.services;
    const tags = ['plan review'];
    const security = [{ session: [] }];

    r.get(
      '/api/clinic/progression-thresholds',
      {
        schema: {
          summary:
            "The clinic's adaptive-plan thresholds: each value with its default, allowed range, source and explanation (clinic staff)",
          tags,
          security,
          response: { 200: thresholdsOut, ...errorResponses },
        },
      },
      async (req) => planReview.thresholds(req.actor),
    );

    r.put(
      '/api/clinic/progression-thresholds',
      {
        schema: {
          summary:
            "Sets the clinic's thresholds (clinic admins). Send only the values to change; an empty object resets all to the defaults. A value outside its range is refused with 422.",
          tags,
          security,
          body: z.strictObject({ thresholds: thresholdValues }),
          response: { 200: thresholdsOut, ...errorResponses },
        },
      },
      async (req) => planReview.saveThresholds(req.actor, req.body.thresholds),
    );

    r.get(
      '/api/clinic/patients/:id/plan-review',
      {
        schema: {
          summary:
            "A patient's plan history with each automatic change's review status, and the engine's suggestions for locked items",
          tags,
          security,
          params: patientParams,
          response: { 200: reviewOut, ...errorResponses },
        },
      },
      async (req) => planReview.review(req.actor, req.params.id),
    );

    r.post(
      '/api/clinic/patients/:id/plan-review/approve',
      {
        schema: {
          summary: 'Approves one automatic change (recorded, and in the audit log)',
          tags,
          security,
          params: patientParams,
          body: z.strictObject({ ...changeRef, note: note.optional() }),
          response: { 200: reviewOut, ...errorResponses },
        },
      },
      async (req) =>
        planReview.approve(req.actor, req.params.id, req.body.version, req.body.itemId, req.body.note),
    );

    r.post(
      '/api/clinic/patients/:id/plan-review/undo',
      {
        schema: {
          summary:
            'Undoes one automatic change: a new plan version restores the previous exercise and dose (or activity goal), explained to the patient; optionally locks the item',
          tags,
          security,
          params: patientParams,
          body: z.strictObject({ ...changeRef, note: note.optional(), lock: z.boolean().optional() }),
          response: { 200: reviewOut, ...errorResponses },
        },
      },
      async (req) =>
        planReview.undo(req.actor, req.params.id, req.body.version, req.body.itemId, {
          note: req.body.note,
          lock: req.body.lock,
        }),
    );

    r.post(
      '/api/clinic/patients/:id/plan-suggestions/:suggestionId/apply',
      {
        schema: {
          summary:
            "Applies the engine's suggestion for a locked item as a new plan version (the item stays locked)",
          tags,
          security,
          params: suggestionParams,
          body: z.strictObject({}),
          response: { 200: reviewOut, ...errorResponses },
        },
      },
      async (req) => planReview.applySuggestion(req.actor, req.params.id, req.params.suggestionId),
    );

    r.post(
      '/api/clinic/patients/:id/plan-suggestions/:suggestionId/dismiss',
      {
        schema: {
          summary: "Dismisses the engine's suggestion for a locked item",
          tags,
          security,
          params: suggestionParams,
          body: z.strictObject({}),
          response: { 200: reviewOut, ...errorResponses },
        },
      },
      async (req) => planReview.dismissSuggestion(req.actor, req.params.id, req.params.suggestionId),
    );
  };
