using Kyodo.Web;

// The container probe needs only the configuration, not an app that can start.
if (Kyodo.Gateway.HealthProbe.Requested(args))
    return await Kyodo.Gateway.HealthProbe.RunAsync(WebApplication.CreateBuilder(args).Configuration, args);
// new-key FOLDER [DAYS]: a key for the replicas' shared key ring (Hosting/SharedKeyRing).
if (args is ["new-key", var folder, ..])
{
    var lifetime = args.Length > 2 && int.TryParse(args[2], out var days) && days > 0 ? TimeSpan.FromDays(days)
        : Kyodo.Web.Hosting.SharedKeyRing.DefaultKeyLifetime;
    Console.WriteLine(Kyodo.Web.Hosting.SharedKeyRing.CreateKey(folder, lifetime));
    return 0;
}
var app = WebApp.Create(args);
await app.RunAsync();
return 0;
