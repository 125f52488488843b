using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>Get-SeedanceTask -Id against a sandbox: ids from the pipeline, by value and by property name; unknown ids are ObjectNotFound.</summary>
    public sealed class GetSeedanceTaskTests
    {
        private static Dictionary<string, object?> Variables(SandboxHost sandbox)
        {
            var variables = SeedanceSessions.KeyVariable();
            variables["Sandbox"] = sandbox;
            return variables;
        }

        [Fact]
        public async Task Task_from_New_SeedanceVideo_pipes_into_Get_SeedanceTask_and_comes_back_completed()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ProcessingTime = TimeSpan.Zero });
            using var session = SeedanceSessions.Open(sandbox);

            var result = session.Run("'a fox in snow', 'a fox in rain' | New-SeedanceVideo -ApiKey $Key | Get-SeedanceTask -ApiKey $Key", Variables(sandbox)).ShouldSucceed();

            Assert.Equal(2, result.Output.Count);
            Assert.Equal(sandbox.Account(SeedanceSessions.TestKey).Charges.Select(c => c.TaskId), result.Output.Select(t => (string)t.Properties["Id"].Value));
            Assert.All(result.Output, task =>
            {
                Assert.Equal("Seedance.SeedanceTask", task.TypeNames[0]);
                Assert.Equal("completed", task.Properties["Status"].Value);
                Assert.StartsWith(sandbox.BaseUri.ToString(), (string)task.Properties["VideoUrl"].Value, StringComparison.Ordinal);
                Assert.NotNull(task.Properties["UpdatedAt"].Value);
            });
        }

        [Theory]
        [InlineData("[pscustomobject]@{ task_id = $Id }")]
        [InlineData("[pscustomobject]@{ TaskId = $Id }")]
        [InlineData("[pscustomobject]@{ Id = $Id }")]
        [InlineData("$Id")]
        public async Task Id_binds_from_the_pipeline_by_value_and_by_property_name(string input)
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            using var session = SeedanceSessions.Open(sandbox);
            var id = session.Run("(New-SeedanceVideo 'a fox in snow' -ApiKey $Key).Id", Variables(sandbox)).ShouldSucceed().Output.Single().ToString();
            var variables = Variables(sandbox);
            variables["Id"] = id;

            var task = session.Run(input + " | Get-SeedanceTask -ApiKey $Key", variables).ShouldSucceed().Output.Single();

            Assert.Equal(id, task.Properties["Id"].Value);
            Assert.Equal("GET", sandbox.RequestLog[^1].Method);
            Assert.Equal("/api/v1/tasks/" + id, sandbox.RequestLog[^1].Path);
        }

        [Fact]
        public async Task Unknown_id_is_a_non_terminating_ObjectNotFound_error_and_the_other_ids_are_still_read()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            using var session = SeedanceSessions.Open(sandbox);
            var id = session.Run("(New-SeedanceVideo 'a fox in snow' -ApiKey $Key).Id", Variables(sandbox)).ShouldSucceed().Output.Single().ToString();
            var variables = Variables(sandbox);
            variables["Id"] = id;

            var result = session.Run("Get-SeedanceTask -Id sd2_no_such_task, $Id -ApiKey $Key", variables);

            Assert.Null(result.Terminating);
            Assert.Equal(id, Assert.Single(result.Output).Properties["Id"].Value);
            var error = Assert.Single(result.Errors);
            Assert.Equal("Seedance.not_found,Seedance.Commands.GetSeedanceTaskCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("sd2_no_such_task", error.TargetObject);
            Assert.Single(sandbox.RequestLog, r => r.Status == 404);
            Assert.DoesNotContain(result.AllText(), text => text.Contains(SeedanceSessions.TestKey, StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("' ', $Id | Get-SeedanceTask -ApiKey $Key", "Seedance.InvalidParameter,Seedance.Commands.GetSeedanceTaskCommand")]
        [InlineData("Get-SeedanceTask -Id ' ', $Id -ApiKey $Key", "Seedance.InvalidParameter,Seedance.Commands.GetSeedanceTaskCommand")]
        [InlineData("' ', $Id | Wait-SeedanceTask -ApiKey $Key", "Seedance.InvalidParameter,Seedance.Commands.WaitSeedanceTaskCommand")]
        public async Task Blank_id_is_its_own_Seedance_error_and_the_other_ids_go_on(string script, string errorId)
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ProcessingTime = TimeSpan.Zero });
            using var session = SeedanceSessions.Open(sandbox);
            var id = session.Run("(New-SeedanceVideo 'a fox in snow' -ApiKey $Key).Id", Variables(sandbox)).ShouldSucceed().Output.Single().ToString();
            var variables = Variables(sandbox);
            variables["Id"] = id;

            var result = session.Run(script, variables);

            Assert.Null(result.Terminating);
            Assert.Equal(id, Assert.Single(result.Output).Properties["Id"].Value);
            var error = Assert.Single(result.Errors);
            Assert.Equal(errorId, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("task id", error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(sandbox.RequestLog, r => r.Path.TrimEnd('/') == "/api/v1/tasks");
        }

        [Fact]
        public async Task Get_after_503s_is_retried_and_Verbose_shows_each_attempt()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            using var session = SeedanceSessions.Open(sandbox);
            var id = session.Run("(New-SeedanceVideo 'a fox in snow' -ApiKey $Key).Id", Variables(sandbox)).ShouldSucceed().Output.Single().ToString();
            sandbox.Faults.Enqueue(SandboxFaultKind.ServiceBusy503, 2, SandboxEndpoint.Task);
            var variables = Variables(sandbox);
            variables["Id"] = id;

            var result = session.Run("Get-SeedanceTask $Id -ApiKey $Key -Verbose", variables).ShouldSucceed();

            Assert.Equal(id, Assert.Single(result.Output).Properties["Id"].Value);
            Assert.Equal(new[] { 503, 503, 200 }, sandbox.RequestLog.Where(r => r.Method == "GET").Select(r => r.Status));
            Assert.Equal(3, result.Verbose.Count(v => v.Message.StartsWith("GET /api/v1/tasks/" + id, StringComparison.Ordinal)));
        }
    }
}
