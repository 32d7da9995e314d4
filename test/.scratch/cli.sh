node --import tsx -e "import('./server/src/cli/main.ts').then(async m => { process.exitCode = await m.main(process.argv.slice(1)); })" "$@"
