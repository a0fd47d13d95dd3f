using System.Linq.Expressions;

namespace Kyodo.ServiceDefaults.Security;

public static class ReachableQueries
{
    /// <summary>
    /// Only the rows of the municipality the caller reaches (all rows for a cross-municipality
    /// system caller). Loading through this makes a foreign id take exactly the path of a
    /// missing one: same NOT_FOUND, same message, nothing about the other record leaks.
    /// </summary>
    public static IQueryable<T> Reachable<T>(this IQueryable<T> rows, CallAccess access, Expression<Func<T, string>> municipalityCode)
    {
        if (access.MunicipalityScope is not { } scope) return rows;
        var same = Expression.Equal(municipalityCode.Body, Expression.Constant(scope));
        return rows.Where(Expression.Lambda<Func<T, bool>>(same, municipalityCode.Parameters));
    }
}
