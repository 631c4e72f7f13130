// The mutant suite in mode reject-only (see helpers/mutant-suite.js and helpers/mutants.js).
import { describeMode } from './helpers/mutant-suite.js';

describeMode('reject-only');
