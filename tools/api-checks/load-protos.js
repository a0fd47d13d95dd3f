// Loads every Kyodo .proto with @grpc/proto-loader (what a Node.js gRPC client uses), with
// protos/ as the only include directory, and prints each service's methods as JSON:
// {"kyodo.plan.v1.PlanService": ["CreatePlan", …], …}. Exits 1 on the first file that fails to load.
// Usage: node load-protos.js PROTOS_DIR
'use strict';
const fs = require('fs');
const path = require('path');
const protoLoader = require('@grpc/proto-loader');

const root = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', 'protos'));
const files = [];
(function walk(dir) {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) walk(relative);
    else if (entry.name.endsWith('.proto')) files.push(relative);
  }
})('kyodo');

const services = {};
for (const file of files.sort()) {
  let definition;
  try {
    definition = protoLoader.loadSync(file, { includeDirs: [root], keepCase: true, defaults: true });
  } catch (error) {
    console.error(`${file}: ${error.message}`);
    process.exit(1);
  }
  for (const [name, value] of Object.entries(definition)) {
    // A service definition is an object of methods, each with a path; messages have a `type`.
    if (value && typeof value === 'object' && !value.type && !value.format) {
      services[name] = Object.values(value).map(method => method.path.split('/').pop()).sort();
    }
  }
}
process.stdout.write(JSON.stringify(services) + '\n');
