// Importing this module registers every content validator with the store
// (each part of the product plugs its own checks in through one hook per kind).
import './rules.js';
import './runtime-validator.js';
import './lint-validator.js';
