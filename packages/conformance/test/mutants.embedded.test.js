// The mutant suite in mode embedded (see helpers/mutant-suite.js and helpers/mutants.js).
import { describeMode, describeTable } from './helpers/mutant-suite.js';

describeTable();
describeMode('embedded');
