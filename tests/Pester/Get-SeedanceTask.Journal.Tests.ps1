# Pester 5: Get-SeedanceTask without -Id lists this machine's submissions from the journal.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1') -Force -ErrorAction Stop
    $script:journal = Join-Path $TestDrive 'journal.jsonl'
    $script:sandbox = Start-TestSession -ProcessingSeconds 0.3 -RateLimit 100000 -RateWindowSeconds 1 -JournalPath $journal
    $script:key = $sandbox.Key
    $script:cut = [datetime]::Now
    New-SeedanceVideo -Prompt 'First clip' -Resolution 1080p -Duration 6 -ApiKey $key | Out-Null
    New-SeedanceVideo -Prompt 'Second clip [fail]' -ApiKey $key | Out-Null
    New-SeedanceVideo -Prompt 'Third clip' -QualityTier pro -Resolution 4k -ApiKey $key | Out-Null
}

AfterAll {
    Stop-TestSession $sandbox
}

Describe 'Get-SeedanceTask (journal)' {
    It 'lists submissions newest first with prompt, resolution and duration from the journal' {
        $tasks = @(Get-SeedanceTask)
        $tasks | Should -HaveCount 3
        $tasks.Prompt | Should -Be @('Third clip', 'Second clip [fail]', 'First clip')
        $tasks.Resolution | Should -Be @('4k', '720p', '1080p')
        $tasks[2].Duration | Should -Be 6
        $tasks[0].PSObject.TypeNames[0] | Should -Be 'Seedance.SeedanceTask'
    }

    It 'filters with -First, -Since and -Status' {
        (Get-SeedanceTask -First 1).Prompt | Should -Be 'Third clip'
        Get-SeedanceTask -Since $cut | Should -HaveCount 3
        Get-SeedanceTask -Since ([datetime]::Now.AddMinutes(5)) | Should -BeNullOrEmpty
        Get-SeedanceTask -Status processing | Should -HaveCount 3
    }

    It 'refreshes unfinished tasks through the API and pipes into Get-SeedanceTask -Id' {
        $deadline = [datetime]::UtcNow.AddSeconds(30)
        do {
            $refreshed = @(Get-SeedanceTask -Refresh -ApiKey $key)
        } until (($refreshed.Status -notcontains 'processing') -or [datetime]::UtcNow -gt $deadline)
        $refreshed.Status | Should -Be @('completed', 'failed', 'completed')
        $byId = @(Get-SeedanceTask -First 2 | Get-SeedanceTask -ApiKey $key)
        $byId.Id | Should -Be $refreshed[0..1].Id
    }

    It 'keeps the journal and its lock file readable by their owner alone' {
        if ([System.IO.Path]::DirectorySeparatorChar -eq '\') {
            Set-ItResult -Skipped -Because 'Windows has no Unix file modes (the journal folder under LOCALAPPDATA is private there)'
            return
        }
        (Get-Item -LiteralPath $journal).UnixMode | Should -Be '-rw-------'
        (Get-Item -LiteralPath "$journal.lock").UnixMode | Should -Be '-rw-------'
    }

    It 'skips a torn last line with a warning and still lists the good entries' {
        Add-Content -Path $journal -Value '{"sum":"00","event":{"kind":"subm' -NoNewline
        $tasks = @(Get-SeedanceTask -WarningVariable warnings -WarningAction SilentlyContinue)
        $tasks | Should -HaveCount 3
        $warnings | Should -HaveCount 1
    }
}
