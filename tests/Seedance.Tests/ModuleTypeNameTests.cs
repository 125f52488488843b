using System.Linq;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>Scripts find the module's types by their full names, although they live in the module's own load context.</summary>
    public sealed class ModuleTypeNameTests
    {
        [Fact]
        public void Module_types_resolve_by_full_name_in_scripts()
        {
            using var session = new PowerShellSession();

            var output = session.Run("$p = New-SeedancePrompt -Subject 'a fox'; $p -is [Seedance.Prompts.SeedancePrompt]; [Seedance.SeedanceTask].Assembly.GetName().Name")
                .ShouldSucceed().Output.Select(o => o.ToString()).ToList();

            Assert.Equal(new[] { "True", "Seedance.Client" }, output);
        }
    }
}
