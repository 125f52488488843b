# Pester 5: Resume-SeedanceTask recovers a submit whose response was lost, with its original task and one charge.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1') -Force -ErrorAction Stop
    $script:journal = Join-Path $TestDrive 'journal.jsonl'
    $script:sandbox = Start-TestSession -ProcessingSeconds 0.5 -RateLimit 100000 -RateWindowSeconds 1 -JournalPath $journal -Configuration @{ MaxRetries = 0 }
    $script:key = $sandbox.Key

    function Get-Charges {
        (Invoke-RestMethod -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/accounts'))) | ForEach-Object { $_.charges }
    }
}

AfterAll {
    Stop-TestSession $sandbox
}

Describe 'Resume-SeedanceTask' {
    It 'recovers a dropped submit response with the original task id and one charge' {
        $fault = @{ kind = 'DropConnectionAfterCreate' } | ConvertTo-Json
        Invoke-RestMethod -Method Post -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/faults')) -Body $fault -ContentType 'application/json' | Out-Null

        New-SeedanceVideo -Prompt 'A lighthouse in a storm' -ApiKey $key -ErrorAction SilentlyContinue -ErrorVariable lost | Should -BeNullOrEmpty
        $lost | Should -HaveCount 1
        $charge = @(Get-Charges)
        $charge | Should -HaveCount 1

        $unconfirmed = @(Get-SeedanceTask -Unconfirmed)
        $unconfirmed | Should -HaveCount 1
        $unconfirmed[0].Status | Should -Be 'unconfirmed'
        $unconfirmed[0].IdempotencyKey | Should -Be $charge[0].idempotency_key

        Resume-SeedanceTask -ApiKey $key -WhatIf | Should -BeNullOrEmpty
        $resumed = Resume-SeedanceTask -ApiKey $key -Confirm:$false

        $resumed.Id | Should -Be $charge[0].task_id
        @(Get-Charges) | Should -HaveCount 1
        Get-SeedanceTask -Unconfirmed | Should -BeNullOrEmpty
    }

    It 'never resends a submission the API refused for a mistyped key, once the key is fixed' {
        $before = @(Get-Charges).Count
        $wrong = ConvertTo-SecureString -String 'sk_test_mistyped' -AsPlainText -Force

        New-SeedanceVideo -Prompt 'A kite over a windy beach' -ApiKey $wrong -ErrorAction SilentlyContinue -ErrorVariable refused
        $task = New-SeedanceVideo -Prompt 'A kite over a windy beach' -ApiKey $key
        $resumed = Get-SeedanceTask -Unconfirmed | Resume-SeedanceTask -ApiKey $key -Confirm:$false

        $refused[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.unauthorized*'
        $resumed | Should -BeNullOrEmpty
        @(Get-Charges).Count | Should -Be ($before + 1)
        $listed = @(Get-SeedanceTask -Status refused)
        $listed | Should -HaveCount 1
        $listed[0].Prompt | Should -Be 'A kite over a windy beach'
        $listed[0].Error.Code | Should -Be 'unauthorized'
        (Get-SeedanceTask | Where-Object Id -eq $task.Id) | Should -HaveCount 1
    }

    It 'recovers the entries after one whose idempotency key no header can carry, and reports that one' {
        # What 0.1.0 journaled for -IdempotencyKey "a`r`nb" before the header failed.
        $body = [Text.Encoding]::UTF8.GetBytes('{"prompt":"A broken key"}')
        # The journal is internal to the module: the test writes through it by reflection.
        $writer = [Activator]::CreateInstance([Seedance.SeedanceTask].Assembly.GetType('Seedance.Client.Journal.TaskJournal', $true), @([string] $journal, $null))
        $writer.Submitting("sdps-broken`r`nkey", $body, $sandbox.BaseUri, [DateTimeOffset]::UtcNow.AddMinutes(-5))
        $fault = @{ kind = 'DropConnectionAfterCreate' } | ConvertTo-Json
        Invoke-RestMethod -Method Post -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/faults')) -Body $fault -ContentType 'application/json' | Out-Null
        New-SeedanceVideo -Prompt 'A heron in the reeds' -ApiKey $key -ErrorAction SilentlyContinue
        $charges = @(Get-Charges)

        $resumed = @(Resume-SeedanceTask -ApiKey $key -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed)

        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.InvalidParameter*'
        "$($failed[0])" | Should -BeLike "*idempotency key 'sdps-broken\u000D\u000Akey' cannot be sent*"
        $resumed | Should -HaveCount 1
        $resumed[0].Id | Should -Be $charges[-1].task_id
        @(Get-Charges) | Should -HaveCount $charges.Count
    }

    It 'skips an entry made on another base URI unless -Force, then recovers it where it was made' {
        $other = Start-TestSandbox -ProcessingSeconds 0.5 -RateLimit 100000 -RateWindowSeconds 1
        try {
            $fault = @{ kind = 'DropConnectionAfterCreate' } | ConvertTo-Json
            Invoke-RestMethod -Method Post -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/faults')) -Body $fault -ContentType 'application/json' | Out-Null
            New-SeedanceVideo -Prompt 'A gull over the harbour' -ApiKey $key -ErrorAction SilentlyContinue
            $charges = @(Get-Charges)
            Set-SeedanceConfiguration -BaseUri $other.BaseUri

            $gull = (Get-SeedanceTask -Unconfirmed | Where-Object Prompt -eq 'A gull over the harbour').IdempotencyKey

            $skipped = Resume-SeedanceTask -IdempotencyKey $gull -ApiKey $key -Confirm:$false -WarningVariable warned -WarningAction SilentlyContinue
            $forced = Resume-SeedanceTask -IdempotencyKey $gull -ApiKey $key -Force -Confirm:$false

            $skipped | Should -BeNullOrEmpty
            "$warned" | Should -BeLike "*made on $($sandbox.BaseUri)*-Force*"
            $forced.Id | Should -Be $charges[-1].task_id
            $forced.Endpoint | Should -Be $sandbox.BaseUri
            @(Get-Charges) | Should -HaveCount $charges.Count
            @(Invoke-RestMethod -Uri ([uri]::new($other.BaseUri, '_sandbox/log'))) | Where-Object { $_ } | Should -BeNullOrEmpty
        }
        finally {
            Set-SeedanceConfiguration -BaseUri $sandbox.BaseUri
            $other | Stop-TestSandbox
        }
    }

    It 'reports an unknown idempotency key as a non-terminating not_found error' {
        Resume-SeedanceTask -IdempotencyKey 'sdps-unknown' -ApiKey $key -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.not_found*'
    }

    It 'never writes the API key into the journal' {
        Get-Content -Raw -Path $journal | Should -Not -Match ([regex]::Escape($sandbox.ApiKey))
    }
}
