using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Hosting;

internal static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to a configuration section and checks its data annotations at start-up, so a bad
    /// value stops the service with a message that names the full key (e.g. <c>KtvRec:Training:Epochs</c>).
    /// </summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
        return services;
    }

    private sealed class SectionValidator<T>(string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
                return ValidateOptionsResult.Success;
            return ValidateOptionsResult.Fail(results.Select(result =>
            {
                var member = result.MemberNames.FirstOrDefault();
                var value = member is null ? null : typeof(T).GetProperty(member)?.GetValue(options);
                return $"{section}:{member}: {result.ErrorMessage} (got '{value}')";
            }));
        }
    }
}
