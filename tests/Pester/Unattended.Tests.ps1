# Pester 5: the module run the way CI and Windows Task Scheduler run it, a script file in a child
# `pwsh -NoProfile -NonInteractive -File` (or powershell.exe on Windows PowerShell 5.1) with the key in SEEDANCE_API_KEY.

BeforeAll {
    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    $script:manifest = Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1'
    $script:sandbox = Start-TestSandbox -ProcessingSeconds 0.3 -RateLimit 1000 -RateWindowSeconds 1
    Write-Host ("Child shell: {0}" -f (Get-TestShellPath))

    # A job script as a user would write it; the sandbox, journal and output folder come in as arguments.
    $script:job = Join-Path $TestDrive 'job.ps1'
    Set-Content -LiteralPath $job -Encoding UTF8 -Value @'
param([string] $Manifest, [string] $BaseUri, [string] $Journal, [string] $OutDir)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
Set-SeedanceConfiguration -BaseUri $BaseUri -JournalPath $Journal -RetryBudgetSeconds 30
"PowerShell $($PSVersionTable.PSVersion)"
New-SeedanceVideo -Prompt 'A red fox trots through fresh snow' -Duration 5 |
    Wait-SeedanceTask -Timeout 120 |
    Save-SeedanceVideo -Path $OutDir |
    ForEach-Object { "SAVED $($_.FullName) $($_.Length)" }
'@

    $script:traced = Join-Path $TestDrive 'traced.ps1'
    Set-Content -LiteralPath $traced -Encoding UTF8 -Value @'
param([string] $Manifest, [string] $BaseUri, [string] $Journal, [string] $Switches)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
Set-SeedanceConfiguration -BaseUri $BaseUri -JournalPath $Journal
$parameters = @{ Prompt = 'A paper boat on a rainy street' }
foreach ($switch in $Switches -split ',') { $parameters[$switch] = $true }
$task = New-SeedanceVideo @parameters
"TASK $($task.Id)"
'@

    function Invoke-Job([string] $Script, [string[]] $Arguments, [hashtable] $Environment) {
        Invoke-TestShell -File $Script -ArgumentList (@($manifest, $sandbox.BaseUri.AbsoluteUri, (Join-Path $TestDrive "journal-$([guid]::NewGuid().ToString('N')).jsonl")) + $Arguments) -Environment $Environment
    }
}

AfterAll {
    if ($script:sandbox) { $script:sandbox | Stop-TestSandbox }
}

Describe 'An unattended script (pwsh -NonInteractive -File)' {
    It 'submits, waits and saves a video with the key from SEEDANCE_API_KEY' {
        $out = Join-Path $TestDrive 'videos'
        $child = Invoke-Job $job @($out) @{ SEEDANCE_API_KEY = $sandbox.ApiKey }

        $child.Error | Should -BeNullOrEmpty
        $child.ExitCode | Should -Be 0
        $saved = @($child.Output -split '\r?\n' | Where-Object { $_ -like 'SAVED *' })
        $saved | Should -HaveCount 1
        $file = ($saved[0] -split ' ')[1]
        Test-Path -LiteralPath $file -PathType Leaf | Should -BeTrue
        (Get-Item -LiteralPath $file).Length | Should -BeGreaterThan 0
        (Get-Item -LiteralPath $file).Length | Should -Be ([long]($saved[0] -split ' ')[2])
    }

    It 'exits non-zero with every key source named when no key is found, and submits nothing' {
        $before = @(Invoke-RestMethod -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/log'))).Count
        $child = Invoke-Job $job @((Join-Path $TestDrive 'none')) @{ SEEDANCE_API_KEY = $null }

        $child.ExitCode | Should -Not -Be 0
        $child.Error | Should -Match 'No Seedance API key was found'
        $child.Error | Should -Match 'SEEDANCE_API_KEY'
        $child.Output | Should -Not -Match 'SAVED'
        @(Invoke-RestMethod -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/log'))).Count | Should -Be $before
    }

    It 'writes each request and its outcome with -Verbose, and never the key' {
        $child = Invoke-Job $traced @('Verbose') @{ SEEDANCE_API_KEY = $sandbox.ApiKey }

        $child.ExitCode | Should -Be 0
        $child.Output | Should -Match 'VERBOSE: .*POST /api/v1/video/seedance2 -> 202'
        $child.Output | Should -Match 'TASK sd2_'
        "$($child.Output)$($child.Error)" | Should -Not -Match ([regex]::Escape($sandbox.ApiKey))
    }

    It 'writes headers and bodies with -Debug without prompting, redacts the key, and still emits the task' {
        $child = Invoke-Job $traced @('Debug') @{ SEEDANCE_API_KEY = $sandbox.ApiKey }

        $child.Error | Should -BeNullOrEmpty
        $child.ExitCode | Should -Be 0
        $child.Output | Should -Match '(?s)DEBUG: .*Bearer \[redacted\]'
        $child.Output | Should -Match ([regex]::Escape('"prompt":"A paper boat on a rainy street"'))
        $child.Output | Should -Match 'TASK sd2_'
        "$($child.Output)$($child.Error)" | Should -Not -Match ([regex]::Escape($sandbox.ApiKey))
    }
}
