using Kyodo.Web;

// The container probe needs only the configuration, not an app that can start.
if (Kyodo.Gateway.HealthProbe.Requested(args)) return await Kyodo.Gateway.HealthProbe.RunAsync(WebApplication.CreateBuilder(args).Configuration, args);
var app = WebApp.Create(args);
await app.RunAsync();
return 0;
