export { emfProblems } from './validate-emf.js';
