import 'reflect-metadata';
import { legacyImportCommand } from '../modules/legacy/legacy-cli';

legacyImportCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
