# Pester 5: Get-SeedanceCreditUsage totals the journal's credits and agrees with the sandbox's ledger.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1') -Force -ErrorAction Stop
    $script:sandbox = Start-TestSession -ProcessingSeconds 0.3 -RateLimit 100000 -RateWindowSeconds 1 -JournalPath (Join-Path $TestDrive 'journal.jsonl')
    $script:key = $sandbox.Key
    New-SeedanceVideo -Prompt 'One at 1080p' -Resolution 1080p -ApiKey $key | Out-Null
    New-SeedanceVideo -Prompt 'Two at 1080p [fail]' -Resolution 1080p -ApiKey $key | Out-Null
    New-SeedanceVideo -Prompt 'Three at default' -ApiKey $key | Out-Null
    # Waiting records every final state (and the refund) in the journal.
    Get-SeedanceTask | Wait-SeedanceTask -ApiKey $key -ErrorAction SilentlyContinue | Out-Null
    $script:account = Invoke-RestMethod -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/accounts')) | Select-Object -First 1
}

AfterAll {
    Stop-TestSession $sandbox
}

Describe 'Get-SeedanceCreditUsage' {
    It 'totals used, refunded and net credits as the ledger does' {
        $used = ($account.charges | Measure-Object -Property credits -Sum).Sum
        $refunded = ($account.refunds | Measure-Object -Property credits -Sum).Sum
        $total = Get-SeedanceCreditUsage
        $total.Tasks | Should -Be 3
        $total.CreditsUsed | Should -Be $used
        $total.CreditsRefunded | Should -Be $refunded
        $total.CreditsNet | Should -Be ($used - $refunded)
    }

    It 'groups by resolution using the body (720p when the body left it out)' {
        $rows = @(Get-SeedanceCreditUsage -GroupBy Resolution)
        $rows.Group | Should -Be @('1080p', '720p')
        $rows[0].Tasks | Should -Be 2
    }

    It 'counts only the configured endpoint, so a sandbox''s credits never add to the real account''s' {
        $used = ($account.charges | Measure-Object -Property credits -Sum).Sum
        # The journal is internal to the module: the test writes through it by reflection.
        $journal = [Activator]::CreateInstance([Seedance.SeedanceTask].Assembly.GetType('Seedance.Client.Journal.TaskJournal', $true), @((Get-SeedanceConfiguration).JournalPath, $null))
        $journal.Submitting('real-1', [Text.Encoding]::UTF8.GetBytes('{"prompt":"A real one"}'), [uri]'https://seedance2ai.io/', [DateTimeOffset]::UtcNow)
        $journal.Submitted('real-1', [Seedance.SeedanceTask]@{ Id = 'sd2_real'; CreditsUsed = 999 })

        (Get-SeedanceCreditUsage).CreditsUsed | Should -Be $used
        $rows = @(Get-SeedanceCreditUsage -GroupBy Endpoint)
        $rows.Group | Should -Be @($sandbox.BaseUri.AbsoluteUri, 'https://seedance2ai.io/')
        $rows[1].CreditsUsed | Should -Be 999
        (Get-SeedanceTask | Where-Object Id -eq 'sd2_real').Endpoint | Should -Be ([uri]'https://seedance2ai.io/')
    }

    It 'leaves out submissions before -Since' {
        Get-SeedanceCreditUsage -Since ([datetime]::Now.AddMinutes(5)) | Should -BeNullOrEmpty
    }
}
