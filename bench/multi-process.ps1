# 3 processes (Start-Job) x 8 tasks on one account against the sandbox with its rate limit lowered (10x time scale):
# makespan against the lower bound, and 429s, with the machine-wide budget and with SEEDANCE_RATE_LIMIT_SCOPE=process.
# Run from the repository root after a Release build: dotnet pwsh -NoProfile -File <this> [-Rounds 3]
# Makespan: from the instant all processes start submitting (a start barrier, after import) to the last API request the
# sandbox logged. Lower bound as the batch rows of docs/performance.md: the later of the slowest task's finish and the
# time the rate limit needs for one submit and one poll per task.
param(
    [int] $Rounds = 3,
    [int] $Processes = 3,
    [int] $TasksPerProcess = 8,
    [int] $RateLimit = 30,
    [double] $WindowSeconds = 6,
    [double] $ProcessingSeconds = 2
)
$ErrorActionPreference = 'Stop'
$root = (Get-Location).Path
Import-Module (Join-Path $root 'tests/Pester/SandboxHelpers.psm1') -Force
$manifest = Join-Path $root 'out/Seedance/Seedance.psd1'
$invariant = [System.Globalization.CultureInfo]::InvariantCulture

$job = {
    param([string] $Manifest, [string] $BaseUri, [string] $ApiKey, [string] $Ledger, [string] $Scope, [string] $Journal, [int] $Number, [int] $Tasks, [int] $RateLimit, [double] $Window, [long] $StartAt)
    $env:SEEDANCE_API_KEY = $ApiKey
    $env:SEEDANCE_RATE_LEDGER_PATH = $Ledger
    $env:SEEDANCE_RATE_LIMIT_SCOPE = $Scope
    Import-Module $Manifest
    Set-SeedanceConfiguration -BaseUri $BaseUri -JournalPath $Journal -RateLimit $RateLimit -RateLimitWindowSeconds $Window
    # Warm up on another account (JIT, connection pool), then every process starts submitting at the same instant: the
    # run measures the module and the rate limit, not pwsh's start-up.
    $warm = ConvertTo-SecureString 'sk_test_warmup' -AsPlainText -Force
    $null = Get-SeedanceTask -Id sd2_warm_up -ApiKey $warm -ErrorAction SilentlyContinue
    $null = New-SeedanceVideo 'warm up' -WhatIf -ApiKey $warm 6>$null
    $wait = $StartAt - [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
    if ($wait -gt 0) { Start-Sleep -Milliseconds $wait }
    1..$Tasks | ForEach-Object { "process $Number clip $_" } | New-SeedanceVideo | Wait-SeedanceTask -Timeout 600 | ForEach-Object { "DONE $($_.Id)" }
}

function ConvertTo-Instant($At) {
    if ($At -is [datetime]) { [DateTimeOffset]$At } else { [DateTimeOffset]::Parse($At, $invariant) }
}

"| scope | round | makespan (s) | lower bound (s) | makespan / bound | requests | requests / task | 429 |"
"|---|---:|---:|---:|---:|---:|---:|---:|"
foreach ($round in 1..$Rounds) {
    foreach ($scope in 'machine', 'process') {
        $sandbox = Start-TestSandbox -ProcessingSeconds $ProcessingSeconds -RateLimit $RateLimit -RateWindowSeconds $WindowSeconds
        $null = Invoke-RestMethod -Method Post -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/accounts')) -ContentType 'application/json' -Body '{"api_key":"sk_test_warmup","credits":1000,"name":"warmup"}'
        $work = Join-Path ([IO.Path]::GetTempPath()) ('seedance-multi-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $work | Out-Null
        try {
            $startAt = [DateTimeOffset]::UtcNow.AddSeconds(10)
            $jobs = 1..$Processes | ForEach-Object {
                Start-Job -ScriptBlock $job -ArgumentList $manifest, $sandbox.BaseUri.AbsoluteUri, $sandbox.ApiKey, (Join-Path $work 'ledger'), $scope, (Join-Path $work "journal-$_.jsonl"), $_, $TasksPerProcess, $RateLimit, $WindowSeconds, $startAt.ToUnixTimeMilliseconds()
            }
            $null = $jobs | Wait-Job
            $done = @($jobs | Receive-Job | Where-Object { $_ -like 'DONE *' }).Count
            $jobs | Remove-Job -Force
            if ($done -ne $Processes * $TasksPerProcess) { throw "Only $done tasks finished." }

            $api = @(Invoke-RestMethod -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/log')) | ForEach-Object { $_ } | Where-Object { $_.path -like '/api/*' -and $_.account -ne 'warmup' } | Sort-Object { ConvertTo-Instant $_.at })
            if ((ConvertTo-Instant $api[0].at) -lt $startAt) { throw 'A process started before the others.' }
            $first = $startAt
            $last = ConvertTo-Instant $api[-1].at
            $submits = @($api | Where-Object { $_.method -eq 'POST' -and $_.status -eq 202 })
            # Lower bound, as docs/performance.md's batch rows: the later of the slowest task's finish (from the start) and
            # the time the rate limit needs for one submit and one poll per task.
            $n = $Processes * $TasksPerProcess
            $finish = (($submits | ForEach-Object { ConvertTo-Instant $_.at } | Sort-Object)[-1] - $first).TotalSeconds + $ProcessingSeconds
            $rate = $WindowSeconds * [math]::Floor((2 * $n - 1) / $RateLimit)
            $bound = [math]::Max($finish, $rate)
            $makespan = ($last - $first).TotalSeconds
            '| {0} | {1} | {2:0.00} | {3:0.00} | {4:0.000} | {5} | {6:0.00} | {7} |' -f $scope, $round, $makespan, $bound, ($makespan / $bound), $api.Count, ($api.Count / $n), @($api | Where-Object { $_.status -eq 429 }).Count
        }
        finally {
            $sandbox | Stop-TestSandbox
            Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
