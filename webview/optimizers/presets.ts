/** The presets are data in the core (src/core/presets.ts), shared with `optim-lens presets`. */
export { PRESETS, presetByName, type Preset, type PresetName } from '../../src/core/presets';
