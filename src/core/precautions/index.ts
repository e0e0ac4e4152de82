export * from './types';
export {
  TAG_PHRASES,
  activePrecautions,
  conflicts,
  forbiddenTagReasons,
  forbiddenTags,
  isForbidden,
  tagRules,
} from './precautions';
