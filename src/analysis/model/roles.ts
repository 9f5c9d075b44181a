/**
 * Objects known by the part they play rather than by their construction: a scheduler handed in as
 * a parameter (`def fit(model, optimizer, scheduler)`), made by a project's own factory
 * (`self.scheduler = build_scheduler(cfg)`), or of a library's own class (pytorch_transformers'
 * `WarmupLinearSchedule`). Its `.step()` is a scheduler step all the same.
 */

/** Receiver names used for learning-rate schedulers (`scheduler`, `lr_sched`, `warmup_scheduler`). */
export function looksLikeScheduler(name: string): boolean {
  return /sched/i.test(name) || /^(?:lr_?policy|lr_?decay|lrs)$/i.test(name);
}

/**
 * Scheduler classes outside torch and transformers whose `step()` takes no argument and moves the
 * learning rate as torch's do (the `warmup_scheduler` package, pl_bolts, the cosine-with-warmup
 * restarts package); their horizons are not read. pytorch_transformers' warmup schedules are
 * known with their horizon (torch.ts, LEGACY_WARMUP); fairseq-style wrappers are not torch-like.
 */
export const THIRD_PARTY_SCHEDULERS: ReadonlySet<string> = new Set([
  'GradualWarmupScheduler', 'LinearWarmupCosineAnnealingLR', 'CosineAnnealingWarmupRestarts',
]);

/** Names of schedulers' stepping arguments that are an epoch number (the deprecated `step(epoch)`). */
export function looksLikeEpochArgument(name: string): boolean {
  return /epoch/i.test(name);
}
