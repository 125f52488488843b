# Pester 5: the account's request budget and the API's pauses, in child shells run the way scheduled jobs run them
# (pwsh -NoProfile -NonInteractive -File, or powershell.exe on Windows PowerShell 5.1).

BeforeAll {
    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    $script:manifest = Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1'

    # Reads tasks by id, one after another, and prints one line per call: id, error id, category, seconds, message.
    $script:reader = Join-Path $TestDrive 'read-tasks.ps1'
    Set-Content -LiteralPath $reader -Encoding UTF8 -Value @'
param([string] $Manifest, [string] $BaseUri, [string] $Ids, [int] $RateLimit = 30, [double] $RateLimitWindowSeconds = 60)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
Set-SeedanceConfiguration -BaseUri $BaseUri -NoJournal -RetryBudgetSeconds 30 -RateLimit $RateLimit -RateLimitWindowSeconds $RateLimitWindowSeconds
"PID|$PID|$((Get-SeedanceConfiguration).RateLimitScope)"
foreach ($id in $Ids -split ',') {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $failed = $null
    $null = Get-SeedanceTask -Id $id -ErrorVariable failed -ErrorAction SilentlyContinue
    $seconds = $watch.Elapsed.TotalSeconds.ToString('0.00', [System.Globalization.CultureInfo]::InvariantCulture)
    if ($failed) {
        'CALL|{0}|{1}|{2}|{3}|{4}' -f $id, $failed[0].FullyQualifiedErrorId, $failed[0].CategoryInfo.Category, $seconds, $failed[0].Exception.Message
    }
    else {
        'CALL|{0}|||{1}|' -f $id, $seconds
    }
}
'@

    # The same, as a background job (a process of its own): the environment is set inside, since a job starts with its parent's.
    $script:readerJob = {
        param([string] $Reader, [string] $Manifest, [string] $BaseUri, [string] $Ids, [int] $RateLimit, [double] $Window, [string] $ApiKey, [string] $Ledger)
        $env:SEEDANCE_API_KEY = $ApiKey
        $env:SEEDANCE_RATE_LEDGER_PATH = $Ledger
        & $Reader -Manifest $Manifest -BaseUri $BaseUri -Ids $Ids -RateLimit $RateLimit -RateLimitWindowSeconds $Window
    }

    # A child shell that runs $Command in the background, for a test to kill (Stop-Job would end it gently, and
    # removing a job whose process was killed takes a minute).
    function Start-ChildShell([string] $Command, [hashtable] $Environment) {
        $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Command))
        $startInfo = [System.Diagnostics.ProcessStartInfo]::new((Get-TestShellPath), "-NoProfile -NonInteractive -EncodedCommand $encoded")
        $startInfo.UseShellExecute = $false
        $startInfo.RedirectStandardInput = $true
        $startInfo.RedirectStandardOutput = $true
        foreach ($name in $Environment.Keys) { $startInfo.EnvironmentVariables[$name] = [string] $Environment[$name] }
        [System.Diagnostics.Process]::Start($startInfo)
    }

    function New-LedgerFolder {
        Join-Path $TestDrive ('ledger-' + [guid]::NewGuid().ToString('N'))
    }

    function ConvertTo-Instant($At) {
        # PowerShell 7 reads the log's ISO 8601 times as DateTime; Windows PowerShell leaves them strings.
        if ($At -is [datetime]) { [DateTimeOffset]$At } else { [DateTimeOffset]::Parse($At, [System.Globalization.CultureInfo]::InvariantCulture) }
    }

    function Add-SandboxFault([pscustomobject] $Sandbox, [hashtable] $Fault) {
        $null = Invoke-RestMethod -Method Post -Uri ([uri]::new($Sandbox.BaseUri, '_sandbox/faults')) -ContentType 'application/json' -Body ($Fault | ConvertTo-Json)
    }

    function Get-ApiRequest([pscustomobject] $Sandbox) {
        @(Invoke-RestMethod -Uri ([uri]::new($Sandbox.BaseUri, '_sandbox/log')) | ForEach-Object { $_ } | Where-Object { $_.path -like '/api/*' })
    }

    function ConvertFrom-CallLine([string] $Output) {
        foreach ($line in $Output -split '\r?\n' | Where-Object { $_ -like 'CALL|*' }) {
            $parts = $line -split '\|', 6
            [pscustomobject]@{
                Id       = $parts[1]
                ErrorId  = $parts[2]
                Category = $parts[3]
                Seconds  = [double]::Parse($parts[4], [System.Globalization.CultureInfo]::InvariantCulture)
                Message  = $parts[5]
            }
        }
    }
}

Describe 'A 429 whose Retry-After reaches past the retry budget' {
    BeforeAll {
        $script:sandbox = Start-TestSandbox -ProcessingSeconds 0
    }

    AfterAll {
        if ($script:sandbox) { $script:sandbox | Stop-TestSandbox }
    }

    It 'fails that call and the next one at once with a LimitsExceeded error that says until when' {
        Add-SandboxFault $sandbox @{ kind = 'RateLimited429'; endpoint = 'Task'; retry_after_seconds = 100000 }
        $asked = [DateTimeOffset]::UtcNow

        $child = Invoke-TestShell -File $reader -ArgumentList @($manifest, $sandbox.BaseUri.AbsoluteUri, 'sd2_first_call,sd2_next_call') -Environment @{ SEEDANCE_API_KEY = $sandbox.ApiKey; SEEDANCE_RATE_LEDGER_PATH = (New-LedgerFolder) } -TimeoutSeconds 60

        $child.ExitCode | Should -Be 0
        $calls = @(ConvertFrom-CallLine $child.Output)
        ($calls.Id -join ',') | Should -Be 'sd2_first_call,sd2_next_call'
        foreach ($call in $calls) {
            $call.ErrorId | Should -Be 'Seedance.rate_limited,Seedance.Commands.GetSeedanceTaskCommand'
            $call.Category | Should -Be 'LimitsExceeded'
            $said = [regex]::Match($call.Message, 'until (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC')
            $said.Success | Should -BeTrue -Because $call.Message
            $until = [DateTimeOffset]::ParseExact($said.Groups[1].Value, 'yyyy-MM-dd HH:mm:ss', [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AssumeUniversal)
            ($until - $asked).TotalSeconds | Should -BeGreaterThan 99990
            ($until - $asked).TotalSeconds | Should -BeLessThan 100060
        }
        $calls[1].Seconds | Should -BeLessThan 5
        @(Get-ApiRequest $sandbox).Count | Should -Be 1
    }
}

Describe 'One account, several processes' {
    BeforeAll {
        $script:limit = 4
        $script:window = 3
        $script:sandbox = Start-TestSandbox -ProcessingSeconds 0 -RateLimit $limit -RateWindowSeconds $window
        $script:base = $sandbox.BaseUri.AbsoluteUri
    }

    AfterAll {
        if ($script:sandbox) { $script:sandbox | Stop-TestSandbox }
    }

    It 'lets two processes send no more than one window''s budget together' {
        $ledger = New-LedgerFolder
        $before = @(Get-ApiRequest $sandbox).Count
        $ids = (1..8 | ForEach-Object { "sd2_shared_$_" }) -join ','
        $jobs = 1..2 | ForEach-Object { Start-Job -ScriptBlock $readerJob -ArgumentList $reader, $manifest, $base, $ids, $limit, $window, $sandbox.ApiKey, $ledger }
        try {
            $null = $jobs | Wait-Job -Timeout 120
            ($jobs.State -join ',') | Should -Be 'Completed,Completed'
            $calls = @(ConvertFrom-CallLine (($jobs | Receive-Job) -join "`n"))
        }
        finally {
            $jobs | Remove-Job -Force
        }

        $calls.Count | Should -Be 16
        @($calls | Where-Object { $_.ErrorId -notlike 'Seedance.not_found,*' }) | Should -BeNullOrEmpty
        $requests = @(Get-ApiRequest $sandbox | Select-Object -Skip $before | Sort-Object { ConvertTo-Instant $_.at })
        $requests.Count | Should -Be 16
        @($requests | Where-Object { $_.status -eq 429 }) | Should -BeNullOrEmpty
        for ($i = $limit; $i -lt $requests.Count; $i++) {
            $gap = (ConvertTo-Instant $requests[$i].at) - (ConvertTo-Instant $requests[$i - $limit].at)
            $gap.TotalSeconds | Should -BeGreaterOrEqual ($window - 0.01) -Because "request $i left $gap after request $($i - $limit)"
        }
    }

    It 'gives the slots of a process killed in flight back to the others a window later' {
        $ledger = New-LedgerFolder
        $environment = @{ SEEDANCE_API_KEY = $sandbox.ApiKey; SEEDANCE_RATE_LEDGER_PATH = $ledger }
        $before = @(Get-ApiRequest $sandbox).Count
        Add-SandboxFault $sandbox @{ kind = 'Slow'; endpoint = 'Task'; delay_seconds = 120 }
        $victim = Start-ChildShell "& '$reader' -Manifest '$manifest' -BaseUri '$base' -Ids sd2_never_answered -RateLimit 1 -RateLimitWindowSeconds $window" $environment
        try {
            # In flight once the sandbox has taken the fault: the request holds the one slot of the window.
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ((Invoke-RestMethod -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/faults'))).pending -gt 0 -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 50
            }
            (Invoke-RestMethod -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/faults'))).pending | Should -Be 0
            $victim.Kill()
            $victim.WaitForExit()
            $killed = [DateTimeOffset]::UtcNow
        }
        finally {
            $victim.Dispose()
        }

        $child = Invoke-TestShell -File $reader -ArgumentList @($manifest, $base, 'sd2_after_the_kill', '1', "$window") -Environment $environment -TimeoutSeconds 60

        $child.ExitCode | Should -Be 0
        $call = @(ConvertFrom-CallLine $child.Output)
        $call.Count | Should -Be 1
        $call[0].ErrorId | Should -BeLike 'Seedance.not_found,*'
        $after = @(Get-ApiRequest $sandbox | Select-Object -Skip $before | Where-Object { $_.path -like '*sd2_after_the_kill' })
        $after.Count | Should -Be 1
        $after[0].status | Should -Be 404
        ((ConvertTo-Instant $after[0].at) - $killed).TotalSeconds | Should -BeGreaterOrEqual ($window - 0.5)
        # Back about a window after the kill (the fake-clock tests pin it to the second); a lost slot would hang the call.
        $call[0].Seconds | Should -BeLessThan 30
    }

    It 'fails another process''s calls at once while a pause beyond their retry budget lasts' {
        $ledger = New-LedgerFolder
        $before = @(Get-ApiRequest $sandbox).Count
        $environment = @{ SEEDANCE_API_KEY = $sandbox.ApiKey; SEEDANCE_RATE_LEDGER_PATH = $ledger }
        Add-SandboxFault $sandbox @{ kind = 'RateLimited429'; endpoint = 'Task'; retry_after_seconds = 100000 }

        $first = Invoke-TestShell -File $reader -ArgumentList @($manifest, $base, 'sd2_got_the_429', "$limit", "$window") -Environment $environment -TimeoutSeconds 60
        $second = Invoke-TestShell -File $reader -ArgumentList @($manifest, $base, 'sd2_in_another_process', "$limit", "$window") -Environment $environment -TimeoutSeconds 60

        foreach ($child in $first, $second) {
            $call = @(ConvertFrom-CallLine $child.Output)
            $call.Count | Should -Be 1
            $call[0].ErrorId | Should -BeLike 'Seedance.rate_limited,*'
            $call[0].Category | Should -Be 'LimitsExceeded'
            $call[0].Message | Should -Match 'until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC'
            $call[0].Seconds | Should -BeLessThan 20
        }
        @(Get-ApiRequest $sandbox | Select-Object -Skip $before).Count | Should -Be 1
    }

    It 'names the ledger file that keeps a wrong pause, and a new process runs once it is deleted' {
        $ledger = New-LedgerFolder
        $environment = @{ SEEDANCE_API_KEY = $sandbox.ApiKey; SEEDANCE_RATE_LEDGER_PATH = $ledger }
        Add-SandboxFault $sandbox @{ kind = 'RateLimited429'; endpoint = 'Task'; retry_after_seconds = 100000 }
        $paused = Invoke-TestShell -File $reader -ArgumentList @($manifest, $base, 'sd2_paused', "$limit", "$window") -Environment $environment -TimeoutSeconds 60
        $message = @(ConvertFrom-CallLine $paused.Output)[0].Message

        $named = [regex]::Match($message, "delete '([^']+)', then start a new session")
        $named.Success | Should -BeTrue -Because $message
        $named.Groups[1].Value | Should -Be (@(Select-String -Path (Join-Path $ledger '*.ledger') -Pattern '^pause' -List)[0].Path)
        Remove-Item -LiteralPath $named.Groups[1].Value
        $after = Invoke-TestShell -File $reader -ArgumentList @($manifest, $base, 'sd2_after_the_pause', "$limit", "$window") -Environment $environment -TimeoutSeconds 60

        @(ConvertFrom-CallLine $after.Output)[0].ErrorId | Should -BeLike 'Seedance.not_found,*'
    }

    It 'says a submit that the request budget held back past the retry budget was not sent' {
        $command = "Import-Module '$manifest'; " +
            "Set-SeedanceConfiguration -BaseUri '$base' -NoJournal -RateLimit 1 -RateLimitWindowSeconds 600 -RetryBudgetSeconds 1; " +
            "'a first fox', 'a second fox' | New-SeedanceVideo -ErrorVariable failed -ErrorAction SilentlyContinue | Out-Null; " +
            "'FAILED|' + `$failed[0].Exception.Message"
        $child = Invoke-TestShell -Command $command -Environment @{ SEEDANCE_API_KEY = $sandbox.ApiKey; SEEDANCE_RATE_LEDGER_PATH = (New-LedgerFolder) } -TimeoutSeconds 60

        $message = (($child.Output -split '\r?\n') | Where-Object { $_ -like 'FAILED|*' }) -replace '^FAILED\|'
        $message | Should -Match '^POST /api/v1/video/seedance2 was not sent: '
        $message | Should -Match 'Resume-SeedanceTask sends it later, once'
        $message | Should -Not -Match 'got no answer|may exist'
    }

    It 'ignores a paused ledger in a new process with SEEDANCE_RATE_LIMIT_SCOPE=process' {
        $ledger = New-LedgerFolder
        Add-SandboxFault $sandbox @{ kind = 'RateLimited429'; endpoint = 'Task'; retry_after_seconds = 100000 }
        $null = Invoke-TestShell -File $reader -ArgumentList @($manifest, $base, 'sd2_paused', "$limit", "$window") -Environment @{ SEEDANCE_API_KEY = $sandbox.ApiKey; SEEDANCE_RATE_LEDGER_PATH = $ledger } -TimeoutSeconds 60

        $alone = Invoke-TestShell -File $reader -ArgumentList @($manifest, $base, 'sd2_alone_after_the_pause', "$limit", "$window") -Environment @{ SEEDANCE_API_KEY = $sandbox.ApiKey; SEEDANCE_RATE_LEDGER_PATH = $ledger; SEEDANCE_RATE_LIMIT_SCOPE = 'process' } -TimeoutSeconds 60

        @(ConvertFrom-CallLine $alone.Output)[0].ErrorId | Should -BeLike 'Seedance.not_found,*'
    }

    It 'keeps the budget to each process with SEEDANCE_RATE_LIMIT_SCOPE=process, and writes no ledger' {
        $ledger = New-LedgerFolder
        $child = Invoke-TestShell -File $reader -ArgumentList @($manifest, $base, 'sd2_alone', "$limit", "$window") -Environment @{ SEEDANCE_API_KEY = $sandbox.ApiKey; SEEDANCE_RATE_LEDGER_PATH = $ledger; SEEDANCE_RATE_LIMIT_SCOPE = 'process' } -TimeoutSeconds 60

        $child.ExitCode | Should -Be 0
        $child.Output | Should -Match 'PID\|\d+\|Process'
        @(ConvertFrom-CallLine $child.Output)[0].ErrorId | Should -BeLike 'Seedance.not_found,*'
        Test-Path -LiteralPath $ledger | Should -BeFalse
    }
}

Describe 'Set-SeedanceConfiguration -RateLimitScope' {
    BeforeAll {
        Import-Module $manifest -Force
    }

    AfterAll {
        Remove-Module Seedance -ErrorAction SilentlyContinue
    }

    It 'keeps the budget to this process, shows it, and -Reset brings the machine-wide budget back' {
        (Get-SeedanceConfiguration).RateLimitScope | Should -Be 'Machine'

        Set-SeedanceConfiguration -RateLimitScope Process

        (Get-SeedanceConfiguration).RateLimitScope | Should -Be 'Process'
        Set-SeedanceConfiguration -Reset
        (Get-SeedanceConfiguration).RateLimitScope | Should -Be 'Machine'
    }

    It 'refuses another scope, naming the allowed values' {
        { Set-SeedanceConfiguration -RateLimitScope Galaxy } | Should -Throw -ExpectedMessage '*Machine*Process*'
    }
}
