using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Seedance.Sandbox.Admin;
using Seedance.Sandbox.Api;
using Seedance.Sandbox.Results;

namespace Seedance.Sandbox.Http
{
    /// <summary>Sends each request to its handler and writes it to the request log (admin requests excepted).</summary>
    internal sealed class SandboxRouter
    {
        private const string SubmitPath = "/api/v1/video/seedance2";
        private const string TasksPrefix = "/api/v1/tasks/";
        private const string ResultsPrefix = "/results/";

        private readonly SandboxState _state;
        private readonly ApiHandler _api;
        private readonly ResultHandler _results;
        private readonly AdminHandler _admin;
        private readonly ElsewhereHandler _elsewhere;

        public SandboxRouter(SandboxState state, CancellationToken stopping)
        {
            _state = state;
            _api = new ApiHandler(state, stopping);
            _results = new ResultHandler(state, stopping);
            _admin = new AdminHandler(state);
            _elsewhere = new ElsewhereHandler(state);
        }

        public async Task HandleAsync(HttpContext context)
        {
            if (context.Connection.LocalPort == _state.ElsewhereUri.Port)
            {
                await _elsewhere.HandleAsync(context).ConfigureAwait(false);
                return;
            }

            var path = context.Request.Path.Value ?? "/";
            if (path.StartsWith("/_sandbox/", StringComparison.Ordinal))
            {
                await _admin.HandleAsync(context, path).ConfigureAwait(false);
                return;
            }

            var key = context.Request.Headers["Idempotency-Key"].ToString();
            var trace = new RequestTrace(context.Request.Method, path, key.Length == 0 ? null : key, _state.Time.GetUtcNow());
            try
            {
                await RouteAsync(context, trace, path).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
            {
                // The client hung up mid-answer: nobody is left to answer.
            }
            finally
            {
                // Kestrel may also swallow writes to a closed connection; the aborted request tells either way.
                trace.HungUp |= context.RequestAborted.IsCancellationRequested && !trace.Dropped;
                _state.Record(trace.ToRequest(context.Response.StatusCode, _state.Time.GetUtcNow()));
            }
        }

        private Task RouteAsync(HttpContext context, RequestTrace trace, string path)
        {
            var method = context.Request.Method;
            if (path == SubmitPath)
            {
                return HttpMethods.IsPost(method) ? _api.SubmitAsync(context, trace) : MethodNotAllowedAsync(context, "POST");
            }

            if (path.StartsWith(TasksPrefix, StringComparison.Ordinal) && path.Length > TasksPrefix.Length && path.IndexOf('/', TasksPrefix.Length) < 0)
            {
                return HttpMethods.IsGet(method) ? _api.GetTaskAsync(context, trace, path.Substring(TasksPrefix.Length)) : MethodNotAllowedAsync(context, "GET");
            }

            var parts = path.Split('/');
            if (path.StartsWith(ResultsPrefix, StringComparison.Ordinal) && parts.Length == 4
                && parts[3] is ResultFiles.Video or ResultFiles.LastFrame)
            {
                return HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
                    ? _results.DownloadAsync(context, trace, parts[2], parts[3])
                    : MethodNotAllowedAsync(context, "GET, HEAD");
            }

            return JsonResponses.WriteErrorAsync(context, 404, "not_found", $"No endpoint at {path}.");
        }

        private static Task MethodNotAllowedAsync(HttpContext context, string allowed)
        {
            context.Response.Headers.Allow = allowed;
            return JsonResponses.WriteErrorAsync(context, 405, "invalid_request", $"Method {context.Request.Method} is not allowed here; use {allowed}.");
        }
    }
}
