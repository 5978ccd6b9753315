import { Foundation1795309600855 } from './1795309600855-Foundation';

/** Every migration in order; add each new one here (compiled JS and ts-node see the same list). */
export const migrations = [Foundation1795309600855];
