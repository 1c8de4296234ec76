/** `npm run bench -- <name> [options]`: runs bench/<name>.ts. */
const [name, ...rest] = process.argv.slice(2);
if (!name) {
  console.log(
    "usage: npm run bench -- <ingest|community|reports|console|kb|test-database> [options]",
  );
  process.exit(1);
}
process.argv = [process.argv[0]!, process.argv[1]!, ...rest];
await import(`./${name}.ts`);
