using Grpc.Core;
using Kyodo.Web.Presentation;
using Kyodo.Web.SignIn;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Kyodo.Web.Components;

/// <summary>
/// What every page shares: the request, the signed-in user, and one way of calling the gateway.
/// A refused call becomes the page's answer with the matching HTTP status: NOT_FOUND is 404 with
/// the same words whatever the id (another municipality's record answers like a missing one, as
/// the API does), PERMISSION_DENIED 403, INVALID_ARGUMENT 400 with the service's message, a
/// service away 503; UNAUTHENTICATED (the token ended) sends the user to sign in again.
/// </summary>
public abstract class KyodoPage : ComponentBase
{
    [CascadingParameter] public HttpContext HttpContext { get; set; } = null!;
    [Inject] protected NavigationManager Navigation { get; set; } = null!;

    protected SignedInUser User => SignedInUser.From(HttpContext.User);
    protected string Municipality => User.Municipality;
    protected CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>Set when a call was refused; the page then shows only this.</summary>
    protected PageProblem? Problem { get; private set; }

    /// <summary>The call's answer, or null after recording why not in <see cref="Problem"/>.</summary>
    protected async Task<T?> CallAsync<T>(Func<CancellationToken, Task<T>> call) where T : class
    {
        if (Problem is not null) return null;
        try
        {
            return await call(Aborted);
        }
        catch (RpcException e)
        {
            Fail(PageProblem.From(e));
            return null;
        }
    }

    /// <summary>As <see cref="CallAsync{T}"/>, but NOT_FOUND is only no answer (a part of a page that reporting has not learnt of
    /// yet).</summary>
    protected async Task<T?> OptionalAsync<T>(Func<CancellationToken, Task<T>> call) where T : class
    {
        if (Problem is not null) return null;
        try
        {
            return await call(Aborted);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        catch (RpcException e)
        {
            Fail(PageProblem.From(e));
            return null;
        }
    }

    protected void Fail(PageProblem problem)
    {
        if (problem.SignInAgain)
        {
            var back = HttpContext.Request.PathBase + HttpContext.Request.Path + HttpContext.Request.QueryString;
            Navigation.NavigateTo("signin?returnUrl=" + Uri.EscapeDataString(back));
            return;
        }
        Problem ??= problem;
        if (!HttpContext.Response.HasStarted) HttpContext.Response.StatusCode = problem.Status;
    }

    /// <summary>The query string value, or null when absent or blank.</summary>
    protected string? Query(string name) =>
        HttpContext.Request.Query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString() : null;

    /// <summary>A fiscal year from the query (any form the documents write: 2019, R1, 令和元年度), or null.</summary>
    protected int? QueryYear(string name) =>
        Query(name) is { } text && Kyodo.Japanese.FiscalYearText.TryParse(text, out var year, out _) ? year : null;
}
