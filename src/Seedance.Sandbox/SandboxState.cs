using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using Seedance.Sandbox.Api;
using Seedance.Sandbox.Results;

namespace Seedance.Sandbox
{
    /// <summary>Everything a sandbox remembers: accounts, tasks, the request log. One lock guards it all.</summary>
    internal sealed class SandboxState : IDisposable
    {
        private readonly Dictionary<string, SandboxAccount> _accountsByKey = new(StringComparer.Ordinal);
        private readonly HashSet<string> _revokedKeys = new(StringComparer.Ordinal);
        private readonly List<SandboxAccount> _accounts = new();
        private readonly Dictionary<string, SandboxTask> _tasks = new(StringComparer.Ordinal);
        private readonly List<SandboxRequest> _log = new();
        private readonly List<ElsewhereRequest> _elsewhere = new();

        public SandboxState(SandboxOptions options)
        {
            Options = options;
            Time = options.Time;
            AddAccount(options.ApiKey, options.InitialCredits, "default");
        }

        public object Sync { get; } = new();

        public SandboxOptions Options { get; }

        public TimeProvider Time { get; }

        public SandboxFaults Faults { get; } = new();

        public ResultSigner Signer { get; } = new();

        public Uri BaseUri { get; set; } = new("http://127.0.0.1/");

        /// <summary>The sandbox's other port, where redirect faults point by default: another host to the client.</summary>
        public Uri ElsewhereUri { get; set; } = new("http://127.0.0.1/");

        public IReadOnlyList<ElsewhereRequest> ElsewhereLog
        {
            get
            {
                lock (Sync)
                {
                    return _elsewhere.ToList();
                }
            }
        }

        public IReadOnlyList<SandboxRequest> Log
        {
            get
            {
                lock (Sync)
                {
                    return _log.ToList();
                }
            }
        }

        public IReadOnlyList<SandboxAccount> Accounts
        {
            get
            {
                lock (Sync)
                {
                    return _accounts.ToList();
                }
            }
        }

        public SandboxAccount AddAccount(string apiKey, decimal credits, string? name = null)
        {
            if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException("An API key is a non-empty token without spaces.", nameof(apiKey));
            }

            lock (Sync)
            {
                if (_accountsByKey.ContainsKey(apiKey))
                {
                    throw new ArgumentException("That API key already belongs to an account.", nameof(apiKey));
                }

                var account = new SandboxAccount(name ?? string.Create(CultureInfo.InvariantCulture, $"account-{_accounts.Count + 1}"), credits, Sync, Time);
                _accounts.Add(account);
                _accountsByKey.Add(apiKey, account);
                return account;
            }
        }

        public void RevokeKey(string apiKey)
        {
            lock (Sync)
            {
                if (!_accountsByKey.ContainsKey(apiKey))
                {
                    throw new KeyNotFoundException("No account has that API key.");
                }

                _revokedKeys.Add(apiKey);
            }
        }

        public bool IsRevoked(SandboxAccount account)
        {
            lock (Sync)
            {
                return _accountsByKey.Where(pair => pair.Value == account).All(pair => _revokedKeys.Contains(pair.Key));
            }
        }

        public SandboxAccount Account(string apiKey)
        {
            lock (Sync)
            {
                return _accountsByKey.TryGetValue(apiKey, out var account)
                    ? account
                    : throw new KeyNotFoundException("No account has that API key.");
            }
        }

        /// <summary>The account of a usable key; null with a reason when the key is unknown or revoked.</summary>
        public SandboxAccount? Authenticate(string apiKey, out string reason)
        {
            lock (Sync)
            {
                if (!_accountsByKey.TryGetValue(apiKey, out var account))
                {
                    reason = "Invalid API key.";
                    return null;
                }

                if (_revokedKeys.Contains(apiKey))
                {
                    reason = "This API key has been revoked.";
                    return null;
                }

                reason = string.Empty;
                return account;
            }
        }

        public void AddTaskLocked(SandboxTask task) => _tasks.Add(task.Id, task);

        public SandboxTask? FindTaskLocked(string id) => _tasks.TryGetValue(id, out var task) ? task : null;

        public SandboxTask? FindTask(string id)
        {
            lock (Sync)
            {
                return FindTaskLocked(id);
            }
        }

        public void Record(SandboxRequest request)
        {
            lock (Sync)
            {
                _log.Add(request);
            }
        }

        public void RecordElsewhere(ElsewhereRequest request)
        {
            lock (Sync)
            {
                _elsewhere.Add(request);
            }
        }

        public IResultBody Body(SandboxTask task, string file) =>
            file == ResultFiles.LastFrame ? SandboxAssets.LastFrame
            : Options.VideoSize > 0 ? new DeterministicBody(task.Id, Options.VideoSize)
            : SandboxAssets.Video;

        public static string NewTaskId()
        {
            const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            return "sd2_" + RandomNumberGenerator.GetString(alphabet, 20);
        }

        public void Dispose() => Signer.Dispose();
    }
}
