package org.pmlab.itest.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Optional;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * The package structure of every pmlab bundle, checked on the classes the build just made
 * (every bundle the launcher runs, see {@link BuiltClasses}): no package cycle, no package using
 * one above it ({@link Layers}), and no bundle reaching into another's private packages.
 * (Plain JUnit tests rather than {@code @ArchTest} fields: Surefire 3.5.3 silently skips those.)
 */
class ArchitectureTest {

    private static final ArchRule NO_PACKAGE_CYCLES = slices().matching("org.pmlab.(**)")
            .should().beFreeOfCycles()
            .because("a package cycle makes two packages one, and neither can change or be replaced alone");

    private static final ArchRule EVERY_PACKAGE_HAS_A_LAYER = classes().that().resideInAPackage("org.pmlab..")
            .should(new ArchCondition<>("reside in a package that Layers places") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                    if (Layers.of(c.getPackageName()).isEmpty()) {
                        events.add(SimpleConditionEvent.violated(c, "package " + c.getPackageName()
                                + " of " + c.getName() + " is on no line of Layers.ORDER: add it where it belongs"));
                    }
                }
            });

    private static final ArchRule NO_PACKAGE_USES_ONE_ABOVE_IT = classes().that().resideInAPackage("org.pmlab..")
            .should(new ArchCondition<>("use only packages of lower layers") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                    Optional<Integer> from = Layers.of(c.getPackageName());
                    if (from.isEmpty()) {
                        return; // reported by everyPackageHasALayer
                    }
                    for (Dependency d : c.getDirectDependenciesFromSelf()) {
                        JavaClass target = d.getTargetClass().getBaseComponentType();
                        String pkg = target.getPackageName();
                        if (!pkg.startsWith("org.pmlab.") || pkg.equals(c.getPackageName())) {
                            continue;
                        }
                        Optional<Integer> to = Layers.of(pkg);
                        if (to.isPresent() && to.get() >= from.get()) {
                            events.add(SimpleConditionEvent.violated(d, d.getDescription() + ": " + c.getPackageName()
                                    + " is in " + Layers.name(from.get()) + ", " + pkg + " in "
                                    + Layers.name(to.get())));
                        }
                    }
                }
            });

    private static final ArchRule NO_BUNDLE_USES_ANOTHER_BUNDLES_PRIVATE_PACKAGES = classes().that().resideInAPackage("org.pmlab..")
            .should(new ArchCondition<>("use another bundle only through the packages it exports") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                    Bundles.Bundle own = Bundles.of(c);
                    for (Dependency d : c.getDirectDependenciesFromSelf()) {
                        JavaClass target = d.getTargetClass().getBaseComponentType();
                        if (!target.getPackageName().startsWith("org.pmlab.") || target.getSource().isEmpty()) {
                            continue;
                        }
                        Bundles.Bundle other = Bundles.of(target);
                        if (!other.equals(own) && !other.exports().contains(target.getPackageName())) {
                            events.add(SimpleConditionEvent.violated(d, d.getDescription() + ": "
                                    + target.getPackageName() + " is private to " + other.symbolicName()
                                    + ", used from " + own.symbolicName()));
                        }
                    }
                }
            });

    private static final ArchRule NO_INTERNAL_PACKAGE_IS_EXPORTED = classes().that().resideInAPackage("org.pmlab..internal..")
            .should(new ArchCondition<>("stay private to their bundle") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                    Bundles.Bundle own = Bundles.of(c);
                    if (own.exports().contains(c.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(c, own.symbolicName() + " exports "
                                + c.getPackageName() + ": an internal package is never exported"));
                    }
                }
            });

    @Test
    void noPackageCycles() {
        NO_PACKAGE_CYCLES.check(BuiltClasses.get());
    }

    @Test
    void everyPackageHasALayer() {
        EVERY_PACKAGE_HAS_A_LAYER.check(BuiltClasses.get());
    }

    @Test
    void noPackageUsesOneAboveIt() {
        NO_PACKAGE_USES_ONE_ABOVE_IT.check(BuiltClasses.get());
    }

    @Test
    void noBundleUsesAnotherBundlesPrivatePackages() {
        NO_BUNDLE_USES_ANOTHER_BUNDLES_PRIVATE_PACKAGES.check(BuiltClasses.get());
    }

    @Test
    void noInternalPackageIsExported() {
        NO_INTERNAL_PACKAGE_IS_EXPORTED.check(BuiltClasses.get());
    }
}
