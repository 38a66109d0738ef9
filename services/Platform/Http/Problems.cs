using Microsoft.AspNetCore.Http;

namespace NewsPlatform.Platform.Http;

/// <summary>The problem answers endpoints give, so that each status code means the same everywhere.</summary>
public static class Problems
{
    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static IResult PreconditionRequired() =>
        TypedResults.Problem("This update requires an If-Match header with the ETag you last read.",
            statusCode: StatusCodes.Status428PreconditionRequired, title: "Precondition required");

    public static IResult PreconditionFailed() =>
        TypedResults.Problem("The If-Match header does not match the current ETag; fetch the resource again.",
            statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed");

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "One or more fields are invalid.", title: "Validation failed");

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });
}
