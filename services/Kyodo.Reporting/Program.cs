using Kyodo.Reporting;
using Kyodo.ServiceDefaults;

var app = ReportingApp.Create(args);
return await app.RunKyodoServiceAsync(args);
