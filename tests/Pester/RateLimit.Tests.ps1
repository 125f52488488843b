# Pester 5: the account's request budget and the API's pauses, in child shells run the way scheduled jobs run them
# (pwsh -NoProfile -NonInteractive -File, or powershell.exe on Windows PowerShell 5.1).

BeforeAll {
    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    $script:manifest = Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1'

    # Reads tasks by id, one after another, and prints one line per call: id, error id, category, seconds, message.
    $script:reader = Join-Path $TestDrive 'read-tasks.ps1'
    Set-Content -LiteralPath $reader -Encoding UTF8 -Value @'
param([string] $Manifest, [string] $BaseUri, [string] $Ids, [double] $RetryBudgetSeconds = 30)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
Set-SeedanceConfiguration -BaseUri $BaseUri -NoJournal -RetryBudgetSeconds $RetryBudgetSeconds
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

        $child = Invoke-TestShell -File $reader -ArgumentList @($manifest, $sandbox.BaseUri.AbsoluteUri, 'sd2_first_call,sd2_next_call') -Environment @{ SEEDANCE_API_KEY = $sandbox.ApiKey } -TimeoutSeconds 60

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
