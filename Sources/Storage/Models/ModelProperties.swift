import Fluent

// Fluent finds a model's properties by reflection on every query, encoding and decoding (its hottest path).
// Each model lists them here instead; `ModelPropertiesTests` checks every list against reflection, so a property
// added to a model and forgotten here fails the suite.

extension DossierModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $createdAt, $updatedAt, $code, $procedureCode, $procedureVersion, $procedureName, $receivingUnitCode,
         $receivingUnitPath, $handlingUnitCode, $handlingUnitPath, $channel, $status, $applicantUserID,
         $applicantName, $applicantPersonalID, $applicantPhone, $applicantEmail, $applicantAddress, $form,
         $submittedAt, $receivedAt, $appointment, $originalAppointment, $pausedAt, $supplementRequests, $currentStep,
         $resolvedAt, $returnedAt, $returnMethod, $outcome, $timeliness, $feeVnd, $feePaid, $paymentReference,
         $resultSHA256, $rating, $ratingComment, $revision, $createdBy, $parentCode, $submissionKey, $submissionFingerprint]
    }
}

extension DossierStepModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $index, $name, $role, $unitCode, $unitPath, $allottedDays, $assignee, $startedAt, $deadline,
         $completedAt, $completedBy, $dossier]
    }
}

extension DossierEventModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $at, $actor, $action, $fromStatus, $toStatus, $nationalCode, $stepIndex, $note, $dossier]
    }
}

extension StoredFileModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $createdAt, $sha256, $size, $mediaType]
    }
}

extension FileUploadModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $createdAt, $username, $sha256, $name]
    }
}

extension DossierFileModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $createdAt, $kind, $componentIndex, $name, $sha256, $reusedFrom, $addedBy, $dossier]
    }
}

extension OutboxMessageModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $dossierCode, $channel, $recipient, $subject, $body, $status, $attempts, $nextAttemptAt, $lastError,
         $createdAt, $sentAt]
    }
}

extension DossierGroupModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $createdAt, $code, $groupCode, $name, $applicantUserID, $createdBy, $submissionKey, $submissionFingerprint]
    }
}

extension PaymentModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $createdAt, $dossierCode, $amountVnd, $gateway, $status, $transactionID, $paidAt]
    }
}

extension AuditEventModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $at, $actor, $action, $subject, $reason]
    }
}

extension CalendarNoticeModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $updatedAt, $year, $document]
    }
}

extension ProcedureModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $createdAt, $updatedAt, $code, $name, $field, $level, $agency, $status, $currentVersion, $searchText,
         $draftDocument]
    }
}

extension ProcedureVersionModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $version, $document, $publishedAt, $publishedBy, $procedure]
    }
}

extension ProcedureGroupModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $code, $name, $document]
    }
}

extension UnitModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $createdAt, $updatedAt, $code, $name, $kind, $structure, $path, $agencyCode, $latitude, $longitude,
         $validFrom, $validUntil, $parent]
    }
}

extension UnitSuccessorModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $isDefault, $kind, $predecessor, $successor]
    }
}

extension UserModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $createdAt, $updatedAt, $username, $passwordHash, $kind, $fullName, $personalID, $email, $phone,
         $failedSignIns, $lockedUntil, $disabled, $assignments]
    }
}

extension RoleAssignmentModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $createdAt, $role, $user, $unit]
    }
}

extension AuthTokenModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $createdAt, $tokenHash, $kind, $expiresAt, $revokedAt, $user]
    }
}

extension DocumentModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $createdAt, $updatedAt, $direction, $agencyCode, $agencyPath, $draftingUnitCode, $type, $subject, $urgency,
         $confidentiality, $status, $contentSHA256, $contentName, $contentText, $signer, $number, $symbol, $seriesKey, $issuedAt,
         $personalSignature, $sealSignature, $incomingNumber, $receivedAt, $senderCode, $senderName, $sourceIdentity,
         $dueDate, $revision, $createdBy]
    }
}

extension DocumentRecipientModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $recipientCode, $recipientName, $document]
    }
}

extension DocumentEventModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $at, $actor, $action, $fromStatus, $toStatus, $note, $document]
    }
}

extension DocumentAssignmentModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $assignee, $role, $dueDate, $assignedBy, $assignedAt, $document]
    }
}

extension SigningCredentialModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $createdAt, $owner, $serialNumber, $certificatePEM, $secret]
    }
}

extension ExchangeEndpointModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $agencyID, $name, $url, $caCertificate]
    }
}

extension ExchangeMessageModel {
    /// The model's Fluent properties, listed (not reflected).
    public var properties: [any AnyProperty] {
        [$id, $targetAgencyID, $url, $kind, $payload, $signature, $documentID, $status, $attempts, $nextAttemptAt,
         $lastError, $createdAt, $sentAt]
    }
}
