package org.fieldcast.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * The accounts of the station database as the container's identity store: the container's
 * IdentityStoreHandler calls it with a user name and password and gets our {@link Caller} back.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @Inject
    UserAccounts accounts;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return accounts.check(login.getCaller(), login.getPassword().getValue())
                .map(a -> new CredentialValidationResult(
                        Caller.account(a.username(), Caller.Kind.USER, a.role(), a.sites()), a.role().groups()))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return Set.of(ValidationType.VALIDATE);
    }
}
