/**
 * What a passing test measured (fuzz statistics, timings under faults): printed only with
 * TEST_REPORT=1, so that a passing `npm test` stays quiet and a real failure stands out.
 */
export const testReport = (text: string): void => {
  if (process.env.TEST_REPORT) console.log(text);
};
