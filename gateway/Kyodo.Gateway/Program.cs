using Kyodo.Gateway;

var app = GatewayApp.Create(args);
await app.RunAsync();
