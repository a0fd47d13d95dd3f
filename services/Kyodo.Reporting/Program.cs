using Kyodo.Reporting;
using Kyodo.Reporting.Rebuild;
using Kyodo.ServiceDefaults;

var app = ReportingApp.Create(args);
if (RebuildCommand.Matches(args)) return await RebuildCommand.RunAsync(app, args);
return await app.RunKyodoServiceAsync(args);
