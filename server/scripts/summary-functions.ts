import { summaryFunctionStatements } from '../modules/report/summary-functions';

// The statements that install the summary functions as the rulebook now builds them, to paste
// into a new migration's `up` (see server/modules/report/summary-functions.ts).
for (const statement of summaryFunctionStatements) console.log(`${statement};\n`);
