using Kyodo.Budget.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy.V1;
using Microsoft.OpenApi.Models;
using Microsoft.OpenApi.Writers;
using Scalar.AspNetCore;
using Swashbuckle.AspNetCore.Swagger;

namespace Kyodo.Gateway;

/// <summary>
/// The REST surface described for integrators: the OpenAPI document at <c>/openapi/v1.json</c>
/// and an interactive reference page at <c>/scalar</c> (its script served from the
/// Scalar.AspNetCore package itself: nothing is loaded from a CDN, and its AI agent and web
/// fonts, which would call out, are off). Both answer without a token, like the protos they are
/// made from, which are published for integrators anyway.
/// </summary>
public static class ApiReference
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/scalar";

    public static void MapApiReference(this WebApplication app)
    {
        var document = BuildDocument();
        app.MapGet(DocumentPath, () => Results.Text(document, "application/json"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapScalarApiReference(PagePath, options =>
        {
            options.WithTitle("Kyodo REST API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableAgent()
                .DisableDefaultFonts();
        }).AllowAnonymous();
    }

    /// <summary>
    /// Generates the document once, at start, from the compiled protos: their google.api.http
    /// rules give the paths and their comments (the XML documentation of Kyodo.Protos) the
    /// descriptions. The services are described by a host of their own that is built and never
    /// started, whose endpoints are the generated service bases: nothing of it is served, and the
    /// gateway stays free of the services' code.
    /// </summary>
    public static string BuildDocument()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore(); // a server the host requires to be built; never started
        // The endpoints the description reads: routing would collect them when the host starts, and
        // this one never does, so they are handed over here (registered before routing's own).
        var endpoints = new List<EndpointDataSource>();
        builder.Services.AddSingleton<EndpointDataSource>(_ => new CompositeEndpointDataSource(endpoints));
        builder.Services.AddRouting();
        builder.Services.AddGrpc().AddJsonTranscoding();
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Kyodo",
                Version = "v1",
                Description = "Plans, budgets, subsidies and reports of a city's civic collaboration, as JSON over HTTP " +
                    "(gRPC JSON transcoding of the kyodo.*.v1 protos). Every call carries `Authorization: Bearer <JWT>`; " +
                    "errors come as `{code, message, details}` with the matching HTTP status.",
            });
            var comments = Path.Combine(AppContext.BaseDirectory, "Kyodo.Protos.xml");
            if (File.Exists(comments))
            {
                swagger.IncludeXmlComments(comments);
                swagger.IncludeGrpcXmlComments(comments, includeControllerXmlComments: true);
            }
            swagger.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
            });
            swagger.AddSecurityRequirement(new OpenApiSecurityRequirement
            {
                [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "bearer" } }] =
                    [],
            });
        });
        var description = builder.Build();
        description.MapGrpcService<PlanDescription>();
        description.MapGrpcService<BudgetDescription>();
        description.MapGrpcService<SubsidyDescription>();
        description.MapGrpcService<ReportingDescription>();
        endpoints.AddRange(((IEndpointRouteBuilder)description).DataSources);

        var openApi = description.Services.GetRequiredService<ISwaggerProvider>().GetSwagger("v1");
        using var text = new StringWriter();
        openApi.SerializeAsV3(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    // The generated bases: described, never called (their methods answer UNIMPLEMENTED).
    private sealed class PlanDescription : PlanService.PlanServiceBase;
    private sealed class BudgetDescription : BudgetService.BudgetServiceBase;
    private sealed class SubsidyDescription : SubsidyService.SubsidyServiceBase;
    private sealed class ReportingDescription : ReportingService.ReportingServiceBase;
}
